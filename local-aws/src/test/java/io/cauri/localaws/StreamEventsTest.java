package io.cauri.localaws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamEventsTest {

    @Test
    void everyAttributeTypeInLambdasModel() {
        Map<String, AttributeValue> item = Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("1000"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
                "bool", AttributeValue.fromBool(false),
                "nul", AttributeValue.fromNul(true),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("x"))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two"))),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"))));

        var out = StreamEvents.toLambda(item);

        assertEquals("text", out.get("s").getS());
        assertEquals("1000", out.get("n").getN());
        assertEquals(ByteBuffer.wrap("bytes".getBytes()), out.get("b").getB());
        assertEquals(false, out.get("bool").getBOOL());
        assertTrue(out.get("nul").getNULL());
        assertEquals("x", out.get("m").getM().get("inner").getS());
        assertEquals("1", out.get("l").getL().get(0).getN());
        assertEquals("two", out.get("l").getL().get(1).getS());
        assertEquals(List.of("a", "b"), out.get("ss").getSS());
        assertEquals(List.of("1", "2"), out.get("ns").getNS());
        assertEquals(ByteBuffer.wrap("z".getBytes()), out.get("bs").getBS().get(0));
        assertEquals(item.keySet(), out.keySet());
        assertNull(StreamEvents.toLambda((Map<String, AttributeValue>) null), "no image stays no image");
    }
}

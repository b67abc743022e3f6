package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import software.amazon.awssdk.core.SdkBytes;

import java.util.HashMap;
import java.util.Map;

/** A stream image as Lambda's event model carries it, converted to the SDK's AttributeValue for the table schema. */
final class StreamImages {

    private StreamImages() {
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(Map<String, AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, toSdk(v)));
        return out;
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            b.s(v.getS());
        } else if (v.getN() != null) {
            b.n(v.getN());
        } else if (v.getB() != null) {
            b.b(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getBOOL() != null) {
            b.bool(v.getBOOL());
        } else if (Boolean.TRUE.equals(v.getNULL())) {
            b.nul(true);
        } else if (v.getM() != null) {
            b.m(toSdk(v.getM()));
        } else if (v.getL() != null) {
            b.l(v.getL().stream().map(StreamImages::toSdk).toList());
        } else if (v.getSS() != null) {
            b.ss(v.getSS());
        } else if (v.getNS() != null) {
            b.ns(v.getNS());
        } else if (v.getBS() != null) {
            b.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        return b.build();
    }
}

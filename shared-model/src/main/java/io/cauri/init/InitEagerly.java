package io.cauri.init;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean the HTTP functions create while the container initialises although their other singletons are lazy
 * (lambda-support's {@code ApiGatewayHandler}): cold-start work started on its own thread (a client build, a
 * key fetch) that must begin before anything waits for it, or a bean whose construction registers something
 * (the SnapStart priming hook). Controllers and server filters are created at init too; everything else
 * only when a request first needs it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InitEagerly {
}

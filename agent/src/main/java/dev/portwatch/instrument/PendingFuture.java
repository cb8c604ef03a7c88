package dev.portwatch.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an advice parameter to the value of the field in which the instrumented asynchronous channel keeps the
 * pending future of its read or write (a different field per method).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface PendingFuture {}

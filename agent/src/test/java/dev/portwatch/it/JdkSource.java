package dev.portwatch.it;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The arguments of an {@link EachJdk} test: every JDK, named by its directory, times the rows it asks for. */
final class JdkSource implements ArgumentsProvider, AnnotationConsumer<EachJdk> {

    private String rowsMethod = "";

    @Override
    public void accept(EachJdk annotation) {
        rowsMethod = annotation.with();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context)
            throws Exception {
        List<Object[]> rows = rowsMethod.isEmpty() ? List.<Object[]>of(new Object[0])
                : rows(context.getRequiredTestClass(), rowsMethod);
        List<Arguments> arguments = new ArrayList<>();
        for (Path jdk : Jdks.all()) {
            for (Object[] row : rows) {
                Object[] values = new Object[row.length + 1];
                values[0] = Named.of(jdk.getFileName().toString(), jdk);
                System.arraycopy(row, 0, values, 1, row.length);
                arguments.add(Arguments.of(values));
            }
        }
        return arguments.stream();
    }

    private static List<Object[]> rows(Class<?> testClass, String name) throws ReflectiveOperationException {
        Method method = testClass.getDeclaredMethod(name);
        method.setAccessible(true);
        Object result = method.invoke(null);
        Stream<?> items;
        if (result instanceof Stream<?> stream) {
            items = stream;
        } else if (result instanceof Collection<?> collection) {
            items = collection.stream();
        } else if (result instanceof Object[] array) {
            items = Arrays.stream(array);
        } else {
            throw new IllegalArgumentException(testClass.getSimpleName() + "." + name
                    + "() must return a Stream, a Collection or an array, not " + result);
        }
        return items.map(item -> item instanceof Arguments row ? row.get() : new Object[] {item}).toList();
    }
}

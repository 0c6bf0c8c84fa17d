package dev.lossservice.request;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Makes each request record from its members through a method handle built once per record type.
 * Jackson calls a record's canonical constructor with {@code MethodHandle.invokeWithArguments},
 * which on Java 17 builds a spreading adapter on every call: for a seed-sized request, a sixth of
 * the time spent reading the body. Everything else is Jackson's: which constructor, the arguments,
 * and what happens when the constructor throws.
 */
final class RecordCreators extends SimpleModule {

    RecordCreators() {
        super("loss-service-record-creators");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(
                new ValueInstantiators.Base() {
                    @Override
                    public ValueInstantiator modifyValueInstantiator(
                            DeserializationConfig config,
                            BeanDescription.Supplier description,
                            ValueInstantiator instantiator) {
                        return SpreadCreator.of(instantiator);
                    }
                });
    }

    /** Jackson's instantiator of a record, calling the constructor through a spreader. */
    private static final class SpreadCreator extends StdValueInstantiator {

        /** The canonical constructor, taking its arguments as one {@code Object[]}. */
        private final MethodHandle creator;

        private SpreadCreator(StdValueInstantiator instantiator, MethodHandle creator) {
            super(instantiator);
            this.creator = creator;
        }

        /** The instantiator as is, unless it is Jackson's own for a record's constructor. */
        static ValueInstantiator of(ValueInstantiator instantiator) {
            if (instantiator.getClass() != StdValueInstantiator.class
                    || !instantiator.getValueClass().isRecord()
                    || !(instantiator.getWithArgsCreator()
                            instanceof AnnotatedConstructor constructor)) {
                return instantiator;
            }
            int arity = constructor.getParameterCount();
            try {
                MethodHandle handle =
                        MethodHandles.publicLookup()
                                .unreflectConstructor(constructor.getAnnotated())
                                .asType(MethodType.genericMethodType(arity))
                                .asSpreader(Object[].class, arity);
                return new SpreadCreator((StdValueInstantiator) instantiator, handle);
            } catch (IllegalAccessException e) {
                // A constructor this lookup may not call: Jackson's own call, which may.
                return instantiator;
            }
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
            try {
                return (Object) creator.invokeExact(arguments);
            } catch (Error e) {
                throw e;
            } catch (Exception e) {
                // What Jackson does with an exception from a creator.
                return context.handleInstantiationProblem(
                        getValueClass(), arguments, rewrapCtorProblem(context, e));
            } catch (Throwable e) {
                throw new UndeclaredThrowableException(e);
            }
        }
    }
}

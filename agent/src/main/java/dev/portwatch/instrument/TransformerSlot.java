package dev.portwatch.instrument;

import java.lang.instrument.ClassFileTransformer;

/**
 * Where {@link FunnelInstaller} puts its transformer when one was registered for it before it existed: the agent's
 * {@code premain} registers a gate at once (so that no funnel class can load unwoven) and builds the transformer on
 * its own thread.
 */
public interface TransformerSlot {

    /** From now on, {@code transformer} (null: none) transforms what the slot is asked to. */
    void hold(ClassFileTransformer transformer);
}

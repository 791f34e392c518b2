package dev.baseshift.compare;

/** One image layer as {@code docker history} shows it, oldest first (index 0). */
public record LayerMeasure(int index, String id, long sizeBytes, String createdBy, boolean fromBase) {}

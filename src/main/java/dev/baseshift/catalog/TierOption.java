package dev.baseshift.catalog;

/**
 * One base on a family's spectrum.
 *
 * @param image  the reference to use in FROM, e.g. {@code python:3.12-slim-trixie}
 * @param note   a short human note ("Debian 13, no build tools"), may be empty
 * @param custom true when the user supplied the image ({@code --base TIER=IMAGE})
 */
public record TierOption(Tier tier, String image, BaseTraits traits, String note, boolean custom) {}

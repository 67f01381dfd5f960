package dev.visionstream.app.topology;

/** Sees every event just before it is written; metrics hang here. */
@FunctionalInterface
public interface PublicationListener {
    PublicationListener NONE = publication -> { };

    void published(Publication publication);
}

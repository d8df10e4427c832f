package dev.rehearse.provision;

import dev.rehearse.scenario.EngineSpec;

/** Starts (or reaches) a database of the requested engine and version. One per engine and provider. */
public interface Provisioner {

    /**
     * @throws dev.rehearse.RehearsalFailedException when no database could be started or reached
     * @throws dev.rehearse.InvalidInputException when the version is not one this provider offers
     */
    Database start(EngineSpec spec);
}

package org.icl.app.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** A reference implementation that answers one command line with one JSON reply (see {@code bench/peer/peer_protocol.py}). */
@FunctionalInterface
public interface Peer {

    /** Sends one command and returns the reply; a reply that reports an error is thrown as an exception. */
    JsonNode ask(String command);
}

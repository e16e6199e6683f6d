package dev.dvalabs.verify;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One thing a verify writes into a learner's account (an item, an object, a temporary key or queue), as
 * the session's journal records it before it is written and as its undoing needs it: an exact key or
 * name, never a pattern. A journal outlives the JVM that wrote it, so a write is a plain record that
 * Jackson can write and read back; the next verify on the same target undoes what a killed one left.
 *
 * <pre>{@code
 * record OwnItem(String table, Map<String, String> key) implements Write {
 *     public void undo(Session s) { s.client(DynamoDbClient.class).deleteItem(...); }
 *     public String describe() { return "item " + key + " in table " + table; }
 * }
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "write")
public interface Write {

    /**
     * Removes what this write left. A write that never happened (refused, or the resource is gone) is no
     * failure; an answer that leaves the write in place throws, and the journal keeps it for the next verify.
     */
    void undo(Session session);

    /** The write in a few words, for a message about it: "item {id=...} in table dva-labs-orders". */
    String describe();
}

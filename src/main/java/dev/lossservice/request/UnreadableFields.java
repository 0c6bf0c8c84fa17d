package dev.lossservice.request;

import dev.lossservice.tensor.ValuesCheckedOnRead;
import java.util.Set;

/**
 * The fields of a request that were sent but could not be read (a string where numbers belong,
 * say), so that they read as null: handed to the class-level rules as Hibernate Validator's
 * constraint validator payload, so that such a field is not also reported as missing. The request
 * was read by the codec all the same ({@link ValuesCheckedOnRead}).
 *
 * @param names the record components' names
 */
record UnreadableFields(Set<String> names) implements ValuesCheckedOnRead {}

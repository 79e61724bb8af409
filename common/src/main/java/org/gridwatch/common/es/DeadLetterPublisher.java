package org.gridwatch.common.es;

import org.gridwatch.common.model.DeadLetter;

import java.io.Serializable;

/** Where a sink sends what it cannot write (a document Elasticsearch rejects for good). */
public interface DeadLetterPublisher extends Serializable, AutoCloseable {
    void open();

    void publish(DeadLetter deadLetter);

    @Override
    void close();
}

package org.gridwatch.common.es;

import java.io.Serializable;
import org.gridwatch.common.model.DeadLetter;

/** Where a sink sends what it cannot write (a document Elasticsearch rejects for good). */
public interface DeadLetterPublisher extends Serializable, AutoCloseable {
    void open();

    void publish(DeadLetter deadLetter);

    @Override
    void close();
}

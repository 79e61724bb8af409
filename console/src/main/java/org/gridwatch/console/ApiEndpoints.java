package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * One group of the console's API endpoints (alerts, webhooks, statistics...). The server asks the
 * groups in turn, so each group knows only its own paths and the server's dispatch stays a loop.
 */
interface ApiEndpoints {
    /** What {@link #answer} returns when the path is none of this group's; nothing was sent. */
    int NOT_MINE = -1;

    /** Answers the request and returns the status sent, or {@link #NOT_MINE}. */
    int answer(HttpExchange ex, String path) throws IOException;
}

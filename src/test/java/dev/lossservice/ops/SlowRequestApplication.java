package dev.lossservice.ops;

import dev.lossservice.LossServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service plus one endpoint that takes as long as it is told to, started in its own JVM by
 * {@link GracefulShutdownIT} so that it can be sent a real SIGTERM.
 */
public final class SlowRequestApplication {

    private SlowRequestApplication() {}

    public static void main(String[] args) {
        new SpringApplicationBuilder(LossServiceApplication.class, SlowEndpoint.class).run(args);
    }

    // A test component: only in the applications that import it, not in every other test's
    // (nor in the OpenAPI document and Swagger UI those tests check).
    @RestController
    @TestComponent
    static class SlowEndpoint {

        /** Prints a marker when it starts so the test knows the request is in flight. */
        @GetMapping("/test/slow")
        String slow(@RequestParam long millis) throws InterruptedException {
            System.out.println("SLOW-REQUEST-STARTED");
            System.out.flush();
            Thread.sleep(millis);
            return "{\"sleptMillis\":" + millis + "}";
        }
    }
}

package dev.portwatch.springbench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The smallest Spring Boot web service: one endpoint on embedded Tomcat. */
@SpringBootApplication
@RestController
public class BenchApplication {

    public static void main(String[] args) {
        SpringApplication.run(BenchApplication.class, args);
    }

    @GetMapping("/")
    public String hello() {
        return "hello";
    }
}

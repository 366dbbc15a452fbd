package kit.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hidden test method with the points it is worth and the kind of check it makes.
 *
 * <p>The grader reads this annotation (together with {@code @Tag("task:<id>")} on the class and
 * {@code @DisplayName} on the method) to score a submission. The points of one task's tests add up to
 * the task's default points in the contract.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {

    /** Points a passing run of this test earns. */
    double points();

    /** Whether the test checks correctness, timing or API use. */
    Kind kind();

    /**
     * The sentence of the task's stub Javadoc (in {@code exercises/}) that this test enforces, verbatim.
     *
     * <p>The build checks that it is found in the stub's Javadoc (see {@code RequirementsTest}), so that
     * every graded requirement is written in the assignment; {@code docs/what-is-graded.md} lists it.
     */
    String requirement();
}

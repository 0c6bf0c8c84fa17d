package dev.lossservice.request;

import dev.lossservice.problem.FieldProblems;
import dev.lossservice.tensor.ValuesCheckedOnRead;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.HibernateValidatorFactory;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Checks a request record against its Jakarta Bean Validation constraints and answers the
 * violations as a problem detail whose {@code errors} name each place by its JSON Pointer: the
 * validator behind {@code @Valid} on every controller, and the second half of reading a body that
 * already had problems ({@link JsonRequestReader}, {@link MultipartRequestReader}), so that one
 * answer lists both.
 *
 * <p>Unlike Spring's adapter it throws {@link dev.lossservice.problem.InvalidRequestException}
 * rather than filling a binding result: a violation's pointer ({@code /target/3}) names an array
 * element, which is no bean property a binding result could read back.
 */
final class RequestValidator implements Validator {

    private final ValidatorFactory factory;
    private final jakarta.validation.Validator validator;
    private final LossServiceProperties properties;

    RequestValidator(ValidatorFactory factory, LossServiceProperties properties) {
        this.factory = factory;
        // Every request it checks was read by the tensor codec, which checked the numbers.
        this.validator =
                factory.unwrap(HibernateValidatorFactory.class)
                        .usingContext()
                        .constraintValidatorPayload(ValuesCheckedOnRead.READ_BY_CODEC)
                        .getValidator();
        this.properties = properties;
    }

    @Override
    public boolean supports(Class<?> type) {
        return true;
    }

    /**
     * @throws dev.lossservice.problem.InvalidRequestException if a constraint is violated
     */
    @Override
    public void validate(Object target, Errors errors) {
        FieldProblems problems = new FieldProblems(properties.maxFieldProblems());
        check(target, problems);
        problems.throwIfAny();
    }

    /**
     * Adds the violations of {@code request} to {@code problems}, in the order of the record's
     * fields and then of the positions, leaving out those at a field that already has a problem: a
     * value that could not be read reads as null, and is not also "required".
     */
    void check(Object request, FieldProblems problems) {
        // getRecordComponents() is a reflective copy per call: only asked when there is a reason.
        Set<String> unreadable = new HashSet<>();
        if (!problems.isEmpty()) {
            for (RecordComponent component : request.getClass().getRecordComponents()) {
                if (problems.hasProblemAt("/" + component.getName())) {
                    unreadable.add(component.getName());
                }
            }
        }
        Set<ConstraintViolation<Object>> violations =
                unreadable.isEmpty()
                        ? validator.validate(request)
                        : factory.unwrap(HibernateValidatorFactory.class)
                                .usingContext()
                                .constraintValidatorPayload(new UnreadableFields(unreadable))
                                .getValidator()
                                .validate(request);
        if (violations.isEmpty()) {
            return;
        }
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            fields.add(component.getName());
        }
        List<Violation> found = new ArrayList<>();
        for (ConstraintViolation<Object> violation : violations) {
            String pointer = pointer(violation.getPropertyPath());
            String field = pointer.isEmpty() ? "" : pointer.split("/", 3)[1];
            // A class-level rule's invalid value is the request; it already knows (payload).
            if (violation.getInvalidValue() == request || !unreadable.contains(field)) {
                found.add(new Violation(fields.indexOf(field), pointer, violation.getMessage()));
            }
        }
        found.sort(
                Comparator.comparingInt(Violation::field)
                        .thenComparing(Violation::pointer, RequestValidator::comparePointers)
                        .thenComparing(Violation::detail));
        for (Violation violation : found) {
            problems.add(violation.pointer(), violation.detail());
        }
    }

    /**
     * @param field the index of the record component it is about; -1 for the body as a whole
     */
    private record Violation(int field, String pointer, String detail) {}

    /** A violation's property path as a JSON Pointer: {@code target[3]} or {@code target.3}. */
    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() != null) {
                pointer.append('/').append(node.getName());
            }
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
        }
        return pointer.toString();
    }

    /** Segment by segment, numbers by value, so that {@code /t/10} comes after {@code /t/9}. */
    private static int comparePointers(String a, String b) {
        String[] as = a.split("/");
        String[] bs = b.split("/");
        for (int i = 0; i < Math.min(as.length, bs.length); i++) {
            int order =
                    isNumber(as[i]) && isNumber(bs[i])
                            ? Long.compare(Long.parseLong(as[i]), Long.parseLong(bs[i]))
                            : as[i].compareTo(bs[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(as.length, bs.length);
    }

    private static boolean isNumber(String segment) {
        return !segment.isEmpty()
                && segment.length() < 19
                && segment.chars().allMatch(Character::isDigit);
    }
}

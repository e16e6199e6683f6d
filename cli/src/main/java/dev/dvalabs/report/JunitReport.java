package dev.dvalabs.report;

import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The checklist as JUnit XML, the format CI systems and grading tools read: one test suite an
 * exercise, one test case a check; FAIL is a failure, ERROR an error, SKIP skipped with its reason.
 */
final class JunitReport {

    private JunitReport() {}

    static void write(Report report, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "dva-labs." + report.exercise());
            xml.writeAttribute("tests", Integer.toString(report.outcomes().size()));
            xml.writeAttribute("failures", Long.toString(report.count(Status.FAIL)));
            xml.writeAttribute("errors", Long.toString(report.count(Status.ERROR)));
            xml.writeAttribute("skipped", Long.toString(report.count(Status.SKIP)));
            xml.writeAttribute("time", "0");
            xml.writeStartElement("properties");
            property(xml, "target", report.target());
            xml.writeEndElement();
            for (Outcome o : report.outcomes()) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "dva-labs." + report.exercise());
                xml.writeAttribute("name", o.id() + ": " + o.title());
                xml.writeAttribute("time", "0");
                switch (o.status()) {
                    case FAIL -> detail(xml, "failure", "observed " + o.result().observed(),
                            "expected: " + o.result().expected() + "\nhint: " + o.hint() + "\nnotes: " + o.teaches());
                    case ERROR -> detail(xml, "error", o.result().observed(), "hint: " + o.hint());
                    case SKIP -> {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", o.result().observed());
                        xml.writeEndElement();
                    }
                    case PASS -> { }
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write " + file, e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static void detail(XMLStreamWriter xml, String element, String message, String text) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("message", message);
        xml.writeAttribute("type", element.equals("failure") ? "CheckFailed" : "CheckError");
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}

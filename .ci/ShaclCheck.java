// Validate RDF files against SHACL shapes with Apache Jena's SHACL engine, one JVM for them all.
//
//   java -cp JENA_CLASSPATH .ci/ShaclCheck.java SHAPES.ttl [SHAPES.ttl ...] -- DATA [DATA ...]
//
// Prints one tab-separated line per validation result:
//   DATA  severity  source-shape  focus-node  constraint-component
// and "DATA<TAB>done" after each data file; the exit status is 1 when a file cannot be read.
// Used by .ci/shacl-crosscheck, which compares these results with kg's own.
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;

public class ShaclCheck {
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            RDFDataMgr.read(shapesGraph, args[i]);
        }
        Shapes shapes = Shapes.parse(shapesGraph);
        int status = 0;
        for (i++; i < args.length; i++) {
            try {
                Graph data = RDFDataMgr.loadGraph(args[i]);
                ValidationReport report = ShaclValidator.get().validate(shapes, data);
                for (ReportEntry e : report.getEntries()) {
                    out.println(args[i] + "\t" + e.severity().level().getLocalName() + "\t" + term(e.source())
                        + "\t" + term(e.focusNode()) + "\t" + e.constraint().getComponent().getLocalName());
                }
                out.println(args[i] + "\tdone");
            } catch (RuntimeException e) {
                System.err.println(args[i] + ": " + e);
                status = 1;
            }
        }
        out.flush();
        System.exit(status);
    }

    static String term(Node n) {
        if (n == null) return "";
        if (n.isURI()) return n.getURI();
        if (n.isBlank()) return "_:" + n.getBlankNodeLabel();
        return n.toString();
    }
}

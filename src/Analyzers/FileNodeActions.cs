using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers;

/// <summary>One syntax node of a file, with what a rule needs to analyze it and report on it.</summary>
internal readonly struct FileNode
{
    private readonly SemanticModelAnalysisContext _file;

    public FileNode(SyntaxNode node, SemanticModelAnalysisContext file)
    {
        Node = node;
        _file = file;
    }

    public SyntaxNode Node { get; }

    public SemanticModel SemanticModel => _file.SemanticModel;

    public CancellationToken CancellationToken => _file.CancellationToken;

    public void ReportDiagnostic(Diagnostic diagnostic) => _file.ReportDiagnostic(diagnostic);
}

/// <summary>
/// One callback per file for a rule that looks at a few common syntax kinds (every <c>if</c>, every call), instead
/// of one syntax-node action per node.
/// </summary>
/// <remarks>
/// The analyzer driver pays for each syntax-node callback (a context, exception handling, timing), which for kinds
/// as common as invocations came to a few tenths of a second per real library before the rule did anything
/// (docs/benchmarks-analyzers.md, "What makes the rules cheap"). Walking the file's nodes here costs a fraction of
/// that, and a file whose text lacks every word the rule needs is not walked at all. Nothing is bound until the rule
/// asks the semantic model.
/// </remarks>
internal static class FileNodeActions
{
    /// <summary>
    /// Calls <paramref name="analyze"/> for each node of <paramref name="kinds"/> in each file (within the span the
    /// host asks about, in an editor) around the positions <paramref name="positions"/> gives for the file's text:
    /// every node the rule can report on must hold at least one of them (the nodes of <paramref name="kinds"/> around
    /// the token at each position are analyzed, each once). A file with none is not read; null means every node must
    /// be read (a Unicode escape can spell a word anywhere), and so does a null <paramref name="positions"/>.
    /// </summary>
    public static void Register(CompilationStartAnalysisContext start, Func<SourceText, List<int>?>? positions, Action<FileNode> analyze, params SyntaxKind[] kinds)
    {
        var wanted = new bool[kinds.Max(kind => (int)kind) + 1];
        foreach (var kind in kinds)
        {
            wanted[(int)kind] = true;
        }

        start.RegisterSemanticModelAction(file =>
        {
            var tree = file.SemanticModel.SyntaxTree;
            var at = positions?.Invoke(tree.GetText(file.CancellationToken));
            if (at is { Count: 0 })
            {
                return;
            }

            var root = tree.GetRoot(file.CancellationToken);
            var nodes = at is null
                ? file.FilterSpan is { } span ? root.DescendantNodes(span) : root.DescendantNodes()
                : Around(root, at, file.FilterSpan);
            foreach (var node in nodes)
            {
                if (node.RawKind < wanted.Length && wanted[node.RawKind])
                {
                    file.CancellationToken.ThrowIfCancellationRequested();
                    analyze(new FileNode(node, file));
                }
            }
        });
    }

    /// <summary>
    /// The nodes that hold the token at one of <paramref name="positions"/>, each once, in document order (as a walk
    /// of every node would meet them), within <paramref name="filter"/> as <see cref="SyntaxNode.DescendantNodes(TextSpan, Func{SyntaxNode, bool}?, bool)"/> keeps them.
    /// </summary>
    private static IEnumerable<SyntaxNode> Around(SyntaxNode root, List<int> positions, TextSpan? filter)
    {
        var found = new HashSet<SyntaxNode>();
        foreach (var position in positions)
        {
            if (position < root.FullSpan.End)
            {
                for (var node = root.FindToken(position).Parent; node is not null && found.Add(node); node = node.Parent)
                {
                }
            }
        }

        // A walk that descends only into the nodes found meets them in document order, parents first, as a walk of
        // every node does (a sort by position had to count each node's ancestors to order a node and its only child).
        var nodes = filter is { } span ? root.DescendantNodes(span, found.Contains) : root.DescendantNodes(found.Contains);
        return nodes.Where(found.Contains);
    }
}

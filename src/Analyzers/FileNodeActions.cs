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
    /// host asks about, in an editor) whose text <paramref name="mayMatter"/> accepts, or in every file
    /// when it is null.
    /// </summary>
    public static void Register(CompilationStartAnalysisContext start, Func<SourceText, bool>? mayMatter, Action<FileNode> analyze, params SyntaxKind[] kinds)
    {
        var wanted = new bool[kinds.Max(kind => (int)kind) + 1];
        foreach (var kind in kinds)
        {
            wanted[(int)kind] = true;
        }

        start.RegisterSemanticModelAction(file =>
        {
            var tree = file.SemanticModel.SyntaxTree;
            if (mayMatter is not null && !mayMatter(tree.GetText(file.CancellationToken)))
            {
                return;
            }

            var root = tree.GetRoot(file.CancellationToken);
            var nodes = file.FilterSpan is { } span ? root.DescendantNodes(span) : root.DescendantNodes();
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
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The words that can name a hosted service's base class in a compilation: <c>BackgroundService</c>, and the classes of
/// the compilation that derive from it, directly or through each other (<c>abstract class PollingWorker :
/// BackgroundService</c> in one file, <c>sealed class HiveScaleWorker : PollingWorker</c> in another). A file that
/// names none of them declares no hosted service, and the model's text pre-check skips it.
/// </summary>
/// <remarks>
/// Found once per compilation, from syntax: only the type declarations of files whose text names a word already found
/// are read, one round per level of derivation, so a library with no hosted service pays one word lookup per file. A
/// base class named through an alias or a Unicode escape is not followed (its services are then only not analysed).
/// </remarks>
internal static class HostedServiceBases
{
    private const string HostingBase = "BackgroundService";

    private static readonly OncePerCompilation<string[]> WordsPerCompilation = new(Find);

    public static string[] Words(Compilation compilation, CancellationToken cancellationToken) => WordsPerCompilation.Get(compilation, cancellationToken);

    private static string[] Find(Compilation c, CancellationToken cancellationToken)
    {
        var words = new HashSet<string>(StringComparer.Ordinal) { HostingBase };
        string[] newest = [HostingBase];
        while (newest.Length > 0)
        {
            var found = new List<string>();
            foreach (var tree in c.SyntaxTrees)
            {
                if (!SourceWords.Any(tree.GetText(cancellationToken), newest))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is ClassDeclarationSyntax { BaseList.Types: { Count: > 0 } bases } declaration
                        && Array.IndexOf(newest, RightmostName(bases[0].Type)) >= 0
                        && words.Add(declaration.Identifier.ValueText))
                    {
                        found.Add(declaration.Identifier.ValueText);
                    }
                }
            }

            newest = found.ToArray();
        }

        return words.OrderBy(w => w, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The last identifier of a type's name (<c>BackgroundService</c> in <c>Hosting.BackgroundService</c>, <c>Board</c> in <c>Board?</c>).</summary>
    internal static string? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        NullableTypeSyntax nullable => RightmostName(nullable.ElementType),
        _ => null,
    };
}

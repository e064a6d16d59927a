using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Aliases and <c>using static</c> directives that name a synchronization type (<c>using Atomic =
/// System.Threading.Interlocked;</c>), by their text: through them a type synchronizes without any of
/// <see cref="TypeConcurrency.SynchronizationWords"/> in its own text, so the text gates must let it in.
/// </summary>
/// <remarks>
/// Read from the syntax of the using directives, never bound: the gates run for every file, and in the IDE on a new
/// compilation per edit, where binding a file's usings first would be charged to Forklift.
/// </remarks>
internal static class SynchronizationImports
{
    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> GlobalByCompilation = new();

    /// <summary>Whether the file declares such an alias or <c>using static</c> (at its top or in a namespace).</summary>
    public static bool InFile(SyntaxTree tree, CancellationToken cancellationToken)
        => AnyInFile(tree, NamesSynchronization, cancellationToken);

    /// <summary>Whether any file of the compilation declares such a <c>global</c> alias or <c>using static</c>.</summary>
    public static bool Global(Compilation compilation, CancellationToken cancellationToken)
        => AnyGlobal(GlobalByCompilation, compilation, NamesSynchronization, cancellationToken);

    /// <summary>
    /// Whether a name other than <c>Interlocked</c> or <c>Volatile</c> can denote one of them in <paramref name="tree"/>:
    /// only through an alias of it, declared in the file or globally (both types are static: nothing derives from
    /// them, and an alias of a namespace still ends the name in <c>Interlocked</c> or <c>Volatile</c>).
    /// </summary>
    public static bool MayAliasAtomicType(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken)
        => AnyInFile(tree, AliasesAtomicType, cancellationToken)
           || AnyGlobal(GlobalAtomicAliasByCompilation, compilation, AliasesAtomicType, cancellationToken);

    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> GlobalAtomicAliasByCompilation = new();

    private static readonly string[] AtomicTypeNames = ["Interlocked", "Volatile"];

    private static bool AnyInFile(SyntaxTree tree, Func<UsingDirectiveSyntax, CancellationToken, bool> matches, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax directive && matches(directive, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a <c>global</c> using of any file matches, found once per compilation and kept in <paramref name="known"/>.</summary>
    private static bool AnyGlobal(ConditionalWeakTable<Compilation, StrongBox<bool>> known, Compilation compilation, Func<UsingDirectiveSyntax, CancellationToken, bool> matches, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(compilation, out var answer))
        {
            return answer.Value;
        }

        // Global usings come first in a file, before any other using, namespace or member.
        var found = compilation.SyntaxTrees.Any(tree => ((CompilationUnitSyntax)tree.GetRoot(cancellationToken)).Usings
            .Any(directive => directive.GlobalKeyword.RawKind != 0 && matches(directive, cancellationToken)));

        return known.GetValue(compilation, _ => new StrongBox<bool>(found)).Value;
    }

    private static bool AliasesAtomicType(UsingDirectiveSyntax directive, CancellationToken cancellationToken)
        => directive.Alias is not null && SourceWords.Any(directive.SyntaxTree.GetText(cancellationToken), directive.Span, AtomicTypeNames);

    private static bool NamesSynchronization(UsingDirectiveSyntax directive, CancellationToken cancellationToken)
        => (directive.Alias is not null || directive.StaticKeyword.RawKind != 0)
           && SourceWords.Any(directive.SyntaxTree.GetText(cancellationToken), directive.Span, TypeConcurrency.SynchronizationWords);
}

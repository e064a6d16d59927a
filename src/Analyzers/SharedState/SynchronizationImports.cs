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
    {
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax directive && NamesSynchronization(directive, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any file of the compilation declares such a <c>global</c> alias or <c>using static</c>.</summary>
    public static bool Global(Compilation compilation, CancellationToken cancellationToken)
    {
        if (GlobalByCompilation.TryGetValue(compilation, out var known))
        {
            return known.Value;
        }

        // Global usings come first in a file, before any other using, namespace or member.
        var found = compilation.SyntaxTrees.Any(tree => ((CompilationUnitSyntax)tree.GetRoot(cancellationToken)).Usings
            .Any(directive => directive.GlobalKeyword.RawKind != 0 && NamesSynchronization(directive, cancellationToken)));

        return GlobalByCompilation.GetValue(compilation, _ => new StrongBox<bool>(found)).Value;
    }

    /// <summary>
    /// Whether a name other than <c>Interlocked</c> or <c>Volatile</c> can denote one of them in <paramref name="tree"/>:
    /// only through an alias of it, declared in the file or globally (both types are static: nothing derives from
    /// them, and an alias of a namespace still ends the name in <c>Interlocked</c> or <c>Volatile</c>).
    /// </summary>
    public static bool MayAliasAtomicType(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax directive && AliasesAtomicType(directive, cancellationToken))
            {
                return true;
            }
        }

        return GlobalAtomicAliasByCompilation.GetValue(compilation, compilation => new StrongBox<bool>(compilation.SyntaxTrees.Any(other =>
            ((CompilationUnitSyntax)other.GetRoot(cancellationToken)).Usings.Any(directive => directive.GlobalKeyword.RawKind != 0 && AliasesAtomicType(directive, cancellationToken))))).Value;
    }

    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> GlobalAtomicAliasByCompilation = new();

    private static readonly string[] AtomicTypeNames = ["Interlocked", "Volatile"];

    private static bool AliasesAtomicType(UsingDirectiveSyntax directive, CancellationToken cancellationToken)
        => directive.Alias is not null && SourceWords.Any(directive.SyntaxTree.GetText(cancellationToken), directive.Span, AtomicTypeNames);

    private static bool NamesSynchronization(UsingDirectiveSyntax directive, CancellationToken cancellationToken)
        => (directive.Alias is not null || directive.StaticKeyword.RawKind != 0)
           && SourceWords.Any(directive.SyntaxTree.GetText(cancellationToken), directive.Span, TypeConcurrency.SynchronizationWords);
}

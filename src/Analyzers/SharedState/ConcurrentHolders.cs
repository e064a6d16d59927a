using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Why the members of a class run at the same time, when its own declaration may not say so: the class declares it
/// (<see cref="DeclaredConcurrency"/>), or a class that declares it keeps an instance in a field and calls some of the
/// members through that field (set bl R14: an incident console "invoked from concurrent web requests" that holds a
/// drop queue in <c>_queue</c> and calls <c>_queue.EnqueueAsync</c> and <c>_queue.ReplanAll</c>).
/// </summary>
/// <remarks>
/// The callers' concurrency reaches the held instance only through calls the holder makes: each of the holder's
/// members runs on whatever thread calls it, so the member it calls runs there too, beside the others. Asked only by a
/// check whose shape has already matched from syntax; the holders are found by the class's name in the compilation's
/// texts, and only their field declarations and the calls through those fields are read.
/// </remarks>
internal static class ConcurrentHolders
{
    /// <summary>
    /// Why <paramref name="type"/>'s members named <paramref name="members"/> can run at the same time, for a message,
    /// or null when nothing says so.
    /// </summary>
    public static string? Why(INamedTypeSymbol type, Compilation compilation, string[] members, CancellationToken cancellationToken)
    {
        var singletons = SingletonRegistrations.For(compilation, cancellationToken);
        var own = DeclaredConcurrency.Of(type, singletons, cancellationToken);
        if (own.Kind == DeclaredConcurrency.Kind.Declared)
        {
            return own.Why;
        }

        if (own.Kind == DeclaredConcurrency.Kind.SingleUser)
        {
            return null;
        }

        var words = new[] { type.Name };
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), words))
            {
                continue;
            }

            foreach (var holder in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
            {
                if (holder.Identifier.ValueText == type.Name)
                {
                    continue;
                }

                foreach (var (field, variable) in FieldsNamingType(holder, type.Name))
                {
                    if (CallThrough(holder, variable, members) is not { } called)
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RS1030 // The holder is in another file than the held class, as a rule; the driver's semantic-model cache serves it.
                    var semanticModel = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (semanticModel.GetDeclaredSymbol(field, cancellationToken) is not IFieldSymbol { Type: INamedTypeSymbol held }
                        || !SymbolEqualityComparer.Default.Equals(held.OriginalDefinition, type.OriginalDefinition)
                        || semanticModel.GetDeclaredSymbol(holder, cancellationToken) is not INamedTypeSymbol holderSymbol
                        || DeclaredConcurrency.Of(holderSymbol, singletons, cancellationToken) is not { Kind: DeclaredConcurrency.Kind.Declared, Why: var why })
                    {
                        continue;
                    }

                    return $"'{holderSymbol.Name}' keeps one in '{variable}' and calls '{called}' through it, and {why}";
                }
            }
        }

        return null;
    }

    /// <summary>The fields of <paramref name="holder"/> whose declared type is named <paramref name="name"/> (<c>private readonly DropQueue _queue;</c>).</summary>
    private static IEnumerable<(VariableDeclaratorSyntax Field, string Name)> FieldsNamingType(TypeDeclarationSyntax holder, string name)
    {
        foreach (var member in holder.Members)
        {
            if (member is FieldDeclarationSyntax { Declaration: { Type: var declared } declaration }
                && RightmostName(declared is NullableTypeSyntax nullable ? nullable.ElementType : declared) == name)
            {
                foreach (var variable in declaration.Variables)
                {
                    yield return (variable, variable.Identifier.ValueText);
                }
            }
        }
    }

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The first of <paramref name="members"/> that a non-private member of <paramref name="holder"/> calls through
    /// <paramref name="variable"/> (<c>_queue.ReplanAll()</c>), or null.
    /// </summary>
    private static string? CallThrough(TypeDeclarationSyntax holder, string variable, string[] members)
    {
        foreach (var token in SourceWords.IdentifiersNamed(holder, variable))
        {
            if (token.Parent is IdentifierNameSyntax name
                && (name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified.Parent : name.Parent)
                    is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called, Parent: InvocationExpressionSyntax } access
                && access.Expression.Span.Contains(name.Span)
                && Array.IndexOf(members, called) >= 0
                && name.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } caller
                && caller is not ConstructorDeclarationSyntax
                && !(caller is MethodDeclarationSyntax method && MethodSyntaxFacts.IsPrivate(method)))
            {
                return called;
            }
        }

        return null;
    }
}

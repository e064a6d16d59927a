using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Objects of a nested type that a type hands to its callers (<c>public IDisposable Begin() { …; return new Scope(this); }</c>),
/// whose public members call back into the type's private ones (<c>Scope.Dispose</c> calls <c>End</c>).
/// </summary>
internal static class NestedScopes
{
    /// <summary>
    /// The names of the types <paramref name="declaration"/> returns new objects of (a <c>return</c> or an expression
    /// body), in one walk; found only where the text says <c>new</c> after <c>return</c> or <c>=&gt;</c>.
    /// </summary>
    public static HashSet<string> ReturnedNew(SyntaxNode declaration)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var text = SourceWords.TextOf(declaration.SyntaxTree.GetText());
        var root = declaration.SyntaxTree.GetRoot();
        foreach (var at in SourceWords.Occurrences(text, declaration.Span, NewWord))
        {
            if (root.FindToken(at).Parent is not ObjectCreationExpressionSyntax { Type: var type } creation || NameOf(type) is not { } name)
            {
                continue;
            }

            var parent = creation.Parent;
            while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
            {
                parent = parent.Parent;
            }

            if (parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax
                || (parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local } && ReturnsLocal(creation, local.Identifier.ValueText)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Whether the member around <paramref name="creation"/> returns the local it was stored in (<c>var sub = new Subscription(…); …; return sub;</c>).</summary>
    private static bool ReturnsLocal(SyntaxNode creation, string local)
    {
        if (creation.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return false;
        }

        foreach (var node in member.DescendantNodes())
        {
            if (node is ReturnStatementSyntax { Expression: IdentifierNameSyntax returned } && returned.Identifier.ValueText == local)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] NewWord = ["new"];

    private static string? NameOf(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };
}

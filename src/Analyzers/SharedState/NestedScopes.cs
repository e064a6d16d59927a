using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Objects of a nested type that a type hands to its callers (<c>public IDisposable Begin() { …; return new Scope(this); }</c>),
/// whose public members call back into the type's private ones (<c>Scope.Dispose</c> calls <c>End</c>).
/// </summary>
internal static class NestedScopes
{
    /// <summary>Whether <paramref name="declaration"/> returns a new object of a type named <paramref name="typeName"/> (a <c>return</c> or an expression body).</summary>
    public static bool ReturnsNew(SyntaxNode declaration, string typeName)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is ObjectCreationExpressionSyntax { Type: var type } creation && NameOf(type) == typeName)
            {
                var parent = creation.Parent;
                while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
                {
                    parent = parent.Parent;
                }

                if (parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? NameOf(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };
}

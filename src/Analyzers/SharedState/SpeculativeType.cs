using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>Binds a name on its own, as a type, at its position: no method body around it is bound.</summary>
internal static class SpeculativeType
{
    /// <summary>
    /// The type that <paramref name="name"/> (a simple, generic, qualified or alias-qualified name, or a member access
    /// of names such as <c>System.Threading.Tasks.Task</c>) denotes, or null when it denotes no type (a local, a
    /// field, a namespace, or nothing).
    /// </summary>
    public static ITypeSymbol? Of(ExpressionSyntax name, SemanticModel semanticModel)
    {
        // The text parsed as a type: a member access is an expression, not a type, to the binder, and a parse is
        // cheaper than a trivia-free copy of the node.
        var type = name is TypeSyntax or MemberAccessExpressionSyntax ? SyntaxFactory.ParseTypeName(name.ToString()) : null;
        if (type is null || type.ContainsDiagnostics)
        {
            return null;
        }

        var bound = semanticModel.GetSpeculativeTypeInfo(name.SpanStart, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        return bound is IErrorTypeSymbol ? null : bound;
    }
}

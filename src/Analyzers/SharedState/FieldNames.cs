using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>Names of a type's own fields as its code writes them, read from syntax before anything is bound.</summary>
internal static class FieldNames
{
    /// <summary>The name of a field as written: <c>_f</c> or <c>this._f</c>; null for anything else.</summary>
    public static string? Written(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
        _ => null,
    };
}

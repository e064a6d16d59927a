using Microsoft.CodeAnalysis;
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

    /// <summary>
    /// What <paramref name="node"/> waits for to end: the operand of an <c>await</c>, or the receiver of <c>Wait(…)</c> or
    /// <c>Join(…)</c>, without a <c>ConfigureAwait(…)</c>; null for any other node. An awaited <c>WaitAsync(timeout)</c>
    /// waits for that call, not for the task it was called on: the work can still be running after it.
    /// </summary>
    public static ExpressionSyntax? WaitedFor(SyntaxNode node)
    {
        var waited = node switch
        {
            AwaitExpressionSyntax wait => wait.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" or "Join", Expression: var task } } => task,
            _ => null,
        };
        return waited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } }
            ? configured
            : waited;
    }
}

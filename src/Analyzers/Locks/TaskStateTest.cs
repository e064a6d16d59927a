using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// Whether an expression only tests the state of its method's parameters and cannot throw (see
/// <see cref="IsPure"/>), read from syntax alone: the helpers it accepts are one line long.
/// </summary>
internal static class TaskStateTest
{
    /// <summary>The state of a <c>Task</c> or <c>ValueTask</c>, none of which throws when read.</summary>
    private static readonly string[] StateProperties = ["IsCompleted", "IsCompletedSuccessfully", "IsCanceled", "IsFaulted", "Status"];

    /// <summary>
    /// Whether <paramref name="expression"/> is made of constants, the <paramref name="parameters"/>, null checks,
    /// <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and comparisons, and patterns over a task's state properties
    /// (<c>task is { IsCompletedSuccessfully: false }</c>). A state property read directly on a parameter
    /// (<c>task.Status</c>) counts only on the right of <c>task != null &amp;&amp;</c> (<paramref name="checkedForNull"/>).
    /// </summary>
    public static bool IsPure(ExpressionSyntax expression, string[] parameters, string? checkedForNull)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return IsPure(parenthesized.Expression, parameters, checkedForNull);
            case LiteralExpressionSyntax:
                return true;
            case IdentifierNameSyntax identifier:
                return parameters.Contains(identifier.Identifier.ValueText);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return IsPure(not.Operand, parameters, checkedForNull);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                return IsPure(and.Left, parameters, checkedForNull) && IsPure(and.Right, parameters, NullChecked(and.Left, parameters) ?? checkedForNull);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                return IsPure(binary.Left, parameters, checkedForNull) && IsPure(binary.Right, parameters, checkedForNull);
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver }, Name.Identifier.ValueText: var member }:
                // 'task.Status' after 'task != null &&', or an enum constant ('TaskStatus.RanToCompletion').
                return parameters.Contains(receiver) ? receiver == checkedForNull && StateProperties.Contains(member) : char.IsUpper(receiver[0]);
            case IsPatternExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var tested } } pattern:
                return parameters.Contains(tested) && IsStatePattern(pattern.Pattern);
            default:
                return false;
        }
    }

    /// <summary>The parameter <paramref name="test"/> checks for null (<c>task != null</c>, <c>task is not null</c>), or null.</summary>
    private static string? NullChecked(ExpressionSyntax test, string[] parameters) => test switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Left: IdentifierNameSyntax { Identifier.ValueText: var name }, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } }
            when parameters.Contains(name) => name,
        IsPatternExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name }, Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } }
            when parameters.Contains(name) => name,
        _ => null,
    };

    private static bool IsStatePattern(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax => true,
        UnaryPatternSyntax unary => IsStatePattern(unary.Pattern),
        BinaryPatternSyntax binary => IsStatePattern(binary.Left) && IsStatePattern(binary.Right),
        ParenthesizedPatternSyntax parenthesized => IsStatePattern(parenthesized.Pattern),
        RecursivePatternSyntax { PositionalPatternClause: null, Designation: null } recursive
            => recursive.PropertyPatternClause is null
               || recursive.PropertyPatternClause.Subpatterns.All(sub => sub.NameColon?.Name.Identifier.ValueText is { } name && StateProperties.Contains(name) && IsStatePattern(sub.Pattern)),
        _ => false,
    };
}

using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field checked for null and then read again instead of once into a local: <c>if (_current == null) return …;
/// return _current.Name;</c>. When another thread stores null into the field between the two reads, the second read
/// sees the null the check ruled out. Read on syntax, by the field's name, within one body.
/// </summary>
internal static class NullCheckedReads
{
    /// <summary>
    /// Whether <paramref name="field"/> is such a second read: it dereferences the field (<c>_current.Name</c>,
    /// <c>_current.Start()</c>; <c>_current?.Name</c> does not), and the same body checks the field for null before it.
    /// Only fields that can be set to null later count: not <c>readonly</c>, of a reference type.
    /// </summary>
    public static bool IsRereadAfterCheck(IFieldReferenceOperation field)
        => field.Field is { IsReadOnly: false, IsConst: false, Type.IsReferenceType: true }
           && ReferenceEquals(field.Parent switch
           {
               IPropertyReferenceOperation property => property.Instance,
               IFieldReferenceOperation member => member.Instance,
               IInvocationOperation call => call.Instance,
               _ => null,
           }, field)
           && field.Syntax is ExpressionSyntax syntax && CheckLine(syntax) is not null;

    /// <summary>The line of the null check before the read at <paramref name="location"/>, or null (see <see cref="CheckLine(ExpressionSyntax)"/>).</summary>
    public static int? CheckLine(Location location)
        => location.SourceTree?.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax found ? CheckLine(found) : null;

    /// <summary>
    /// For a read that dereferences a field (<c>_current.Name</c>, <c>this._current.Name</c>): the line of an earlier
    /// null check of the same name in the same body (<c>if (_current == null) return …;</c>, <c>_current != null
    /// &amp;&amp; …</c>, <c>_current is null</c>), or null.
    /// </summary>
    public static int? CheckLine(ExpressionSyntax found)
    {
        var reference = found.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == found ? qualified : found;
        var name = reference switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
            _ => null,
        };
        var dereferenced = reference.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            ElementAccessExpressionSyntax element => element.Expression,
            _ => null,
        };
        if (name is null || dereferenced != reference)
        {
            return null;
        }

        var body = reference.Ancestors().FirstOrDefault(static n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax);
        if (body is null)
        {
            return null;
        }

        if (ChecksIn(body).TryGetValue(name, out var checks))
        {
            foreach (var check in checks)
            {
                if (check.SpanStart < reference.SpanStart)
                {
                    return check.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                }
            }
        }

        return null;
    }

    /// <summary>The null checks of each name in a body, in text order: found in one walk per body, however many reads ask.</summary>
    private static Dictionary<string, List<SyntaxNode>> ChecksIn(SyntaxNode body)
        => ChecksByBody.GetValue(body, static body =>
        {
            var checks = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
            foreach (var node in body.DescendantNodes())
            {
                if (CheckedName(node) is { } name)
                {
                    if (!checks.TryGetValue(name, out var list))
                    {
                        checks[name] = list = new List<SyntaxNode>();
                    }

                    list.Add(node);
                }
            }

            return checks;
        });

    private static readonly ConditionalWeakTable<SyntaxNode, Dictionary<string, List<SyntaxNode>>> ChecksByBody = new();

    /// <summary>Whether <paramref name="expression"/> names the field <paramref name="name"/>: <c>name</c> or <c>this.name</c>.</summary>
    public static bool Names(ExpressionSyntax expression, string name) => NameOf(expression) == name;

    /// <summary>Whether <paramref name="condition"/> is true when the field <paramref name="name"/> is set: <c>name != null</c>, <c>name is not null</c>.</summary>
    public static bool ChecksNotNull(ExpressionSyntax condition, string name)
        => CheckedName(condition) == name
           && (condition.IsKind(SyntaxKind.NotEqualsExpression) || condition is IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax });

    /// <summary>The name <paramref name="node"/> checks for null (<c>x == null</c>, <c>x != null</c>, <c>x is null</c>, <c>x is not null</c>), or null.</summary>
    internal static string? CheckedName(SyntaxNode node) => node switch
    {
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression)
            => binary.Right.IsKind(SyntaxKind.NullLiteralExpression) ? NameOf(binary.Left) : binary.Left.IsKind(SyntaxKind.NullLiteralExpression) ? NameOf(binary.Right) : null,
        IsPatternExpressionSyntax { Pattern: var pattern } check
            when pattern is ConstantPatternSyntax { Expression: var constant } && constant.IsKind(SyntaxKind.NullLiteralExpression)
                 || pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } && negated.IsKind(SyntaxKind.NullLiteralExpression)
            => NameOf(check.Expression),
        _ => null,
    };

    /// <summary>The name of a field or property written alone or after <c>this.</c>, or null.</summary>
    internal static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
        _ => null,
    };
}

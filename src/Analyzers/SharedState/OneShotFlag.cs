using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field written only in the block that raises a completion flag for the first time
/// (<c>lock (_sync) { if (!_completed) { _completed = true; _error = error; } }</c>), where nothing lowers the flag
/// again: the field changes once, so a reader that saw the flag raised under the lock and reads the field after
/// releasing it reads the one value stored with it (Nerdbank.Streams' pipe reader and writer, whose completion
/// callbacks get the writer's exception).
/// </summary>
/// <remarks>
/// Read from the type's text: every store into the flag outside a constructor is <c>= true</c> (none passes it by
/// <c>ref</c>), and every store into the field outside a constructor sits in the <c>then</c> branch of an
/// <c>if (!flag)</c> that also stores <c>flag = true</c>.
/// </remarks>
internal static class OneShotFlag
{
    /// <summary>Whether <paramref name="field"/> is written only once, with <paramref name="flag"/> raised for good.</summary>
    public static bool WrittenOnceWith(INamedTypeSymbol type, string field, string flag, CancellationToken cancellationToken)
    {
        var fieldStores = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0 } byRef when FieldNames.Written(byRef.Expression) == flag || FieldNames.Written(byRef.Expression) == field:
                        return false;
                    case AssignmentExpressionSyntax assignment when !InConstructor(assignment):
                        var stored = FieldNames.Written(assignment.Left);
                        if (stored == flag && !IsTrue(assignment))
                        {
                            return false;
                        }

                        if (stored == field)
                        {
                            if (!InFirstRaise(assignment, flag))
                            {
                                return false;
                            }

                            fieldStores++;
                        }

                        break;
                    case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when node.ChildNodes().FirstOrDefault() is ExpressionSyntax operand
                                                                                          && FieldNames.Written(operand) == field && !InConstructor(node):
                        return false;
                }
            }
        }

        return fieldStores > 0;
    }

    private static bool IsTrue(AssignmentExpressionSyntax assignment)
        => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression);

    /// <summary>Whether <paramref name="store"/> is in the <c>then</c> branch of an <c>if (!flag)</c> that stores <c>flag = true</c>.</summary>
    private static bool InFirstRaise(AssignmentExpressionSyntax store, string flag)
    {
        for (SyntaxNode? child = store, parent = store.Parent; parent is not null and not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax; child = parent, parent = parent.Parent)
        {
            if (parent is IfStatementSyntax check && check.Statement == child && RaisesWhenLowered(check, flag))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RaisesWhenLowered(IfStatementSyntax check, string flag)
    {
        var condition = check.Condition is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : check.Condition;
        var lowered = condition switch
        {
            PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression) => FieldNames.Written(not.Operand) == flag,
            BinaryExpressionSyntax equals when equals.IsKind(SyntaxKind.EqualsExpression) => FieldNames.Written(equals.Left) == flag && equals.Right.IsKind(SyntaxKind.FalseLiteralExpression),
            _ => false,
        };
        return lowered && check.Statement.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>().Any(raise => FieldNames.Written(raise.Left) == flag && IsTrue(raise));
    }

    private static bool InConstructor(SyntaxNode node)
        => node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is ConstructorDeclarationSyntax;
}

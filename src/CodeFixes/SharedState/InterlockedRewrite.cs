using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.CodeFixes.SharedState;

/// <summary>Turns <c>x++</c>, <c>x--</c>, <c>x += n</c>, <c>x -= n</c> and <c>x = x + n</c> into the matching <c>Interlocked</c> call.</summary>
internal static class InterlockedRewrite
{
    public static ExpressionSyntax? TryCreate(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not ExpressionSyntax expression || !ValueIsUnused(expression, model, cancellationToken))
        {
            return null; // x++ yields the old value, Interlocked.Increment the new one: only rewrite when nobody reads it
        }

        string method;
        IOperation target;
        ExpressionSyntax? amount = null;
        var negate = false;
        switch (model.GetOperation(expression, cancellationToken))
        {
            case IIncrementOrDecrementOperation increment when !increment.IsChecked:
                target = increment.Target;
                method = increment.Kind == OperationKind.Increment ? "Increment" : "Decrement";
                break;
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, IsChecked: false } compound
                when compound.Syntax is AssignmentExpressionSyntax assignment && Converts(compound.Value.Type, compound.Target.Type, model):
                target = compound.Target;
                method = "Add";
                amount = assignment.Right;
                negate = compound.OperatorKind == BinaryOperatorKind.Subtract;
                break;
            case ISimpleAssignmentOperation { Value: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, IsChecked: false } binary } simple:
                target = simple.Target;
                method = "Add";
                negate = binary.OperatorKind == BinaryOperatorKind.Subtract;
                if (SameVariable(binary.LeftOperand, simple.Target))
                {
                    amount = binary.RightOperand.Syntax as ExpressionSyntax;
                }
                else if (!negate && SameVariable(binary.RightOperand, simple.Target))
                {
                    amount = binary.LeftOperand.Syntax as ExpressionSyntax;
                }

                if (amount is null)
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        if (target.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)
            || target is not (IFieldReferenceOperation { Field.IsReadOnly: false } or ILocalReferenceOperation { Local.RefKind: RefKind.None } or IParameterReferenceOperation { Parameter.RefKind: RefKind.None }))
        {
            return null;
        }

        var targetText = target.Syntax.WithoutTrivia().ToString();
        var arguments = amount is null ? $"ref {targetText}" : $"ref {targetText}, {Amount(amount, negate)}";
        return SyntaxFactory.ParseExpression($"Interlocked.{method}({arguments})")
            .WithTriviaFrom(expression)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static string Amount(ExpressionSyntax amount, bool negate)
    {
        var text = amount.WithoutTrivia().ToString();
        if (!negate)
        {
            return text;
        }

        return amount is LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            ? "-" + text
            : "-(" + text + ")";
    }

    private static bool Converts(ITypeSymbol? from, ITypeSymbol? to, SemanticModel model)
        => from is not null && to is not null && model.Compilation.ClassifyConversion(from, to).IsImplicit;

    private static bool SameVariable(IOperation operand, IOperation target)
    {
        while (operand is IConversionOperation conversion)
        {
            operand = conversion.Operand;
        }

        return (operand, target) switch
        {
            (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field)
                && (a.Instance is null or IInstanceReferenceOperation) && (b.Instance is null or IInstanceReferenceOperation),
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
            (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
            _ => false,
        };
    }

    private static bool ValueIsUnused(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) => expression.Parent switch
    {
        ExpressionStatementSyntax => true,
        ForStatementSyntax forStatement => forStatement.Incrementors.Contains(expression),
        LambdaExpressionSyntax lambda when lambda.ExpressionBody == expression
            => model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true },
        _ => false,
    };
}

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

    /// <summary>
    /// Whether every write of <paramref name="field"/> in its type, outside its constructors, is already an
    /// <c>Interlocked</c> call, has an Interlocked form, or is a plain store that does not read the field (<c>x = 0</c>).
    /// When one read-modify-write has no Interlocked form (<c>x = x * 2</c> beside <c>x++</c>), Interlocked at the
    /// others would still race with it, so the fix is a lock at all of them.
    /// </summary>
    public static bool FitsEveryWrite(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            foreach (var name in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, field)
                    || InConstructor(name, field))
                {
                    continue;
                }

                var access = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : (ExpressionSyntax)name;
                var fits = access.Parent switch
                {
                    AssignmentExpressionSyntax assignment when assignment.Left == access
                        => TryCreate(assignment, model, cancellationToken) is not null || IsBlindStore(assignment, field, model, cancellationToken),
                    PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when access.Parent.IsKind(SyntaxKind.PostIncrementExpression) || access.Parent.IsKind(SyntaxKind.PostDecrementExpression)
                        || access.Parent.IsKind(SyntaxKind.PreIncrementExpression) || access.Parent.IsKind(SyntaxKind.PreDecrementExpression)
                        => TryCreate(access.Parent, model, cancellationToken) is not null,
                    ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument
                        => argument.Parent?.Parent is InvocationExpressionSyntax invocation
                           && model.GetSymbolInfo(invocation, cancellationToken).Symbol?.ContainingType?.ToDisplayString() == "System.Threading.Interlocked",
                    _ => true, // a read
                };
                if (!fits)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// <c>x = 0</c> or <c>x = n</c>: a store that does not read the field is atomic beside Interlocked updates (either
    /// happens first), unlike a read-modify-write with no Interlocked form (<c>x = x * 2</c>, <c>x *= 2</c>).
    /// </summary>
    private static bool IsBlindStore(AssignmentExpressionSyntax assignment, IFieldSymbol field, SemanticModel model, CancellationToken cancellationToken)
        => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
           && !assignment.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n =>
               n.Identifier.ValueText == field.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, field));

    /// <summary>A write in a constructor of the field's own kind happens before the object (or type) is shared.</summary>
    private static bool InConstructor(SyntaxNode node, IFieldSymbol field)
        => node.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is { } constructor
           && constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == field.IsStatic;

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

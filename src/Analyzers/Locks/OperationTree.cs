using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Locks;

/// <summary>Questions about where an operation sits in its method's operation tree.</summary>
internal static class OperationTree
{
    /// <summary>
    /// The local an <c>out</c> argument writes: a declaration (<c>out var entry</c>) or an existing local (<c>out entry</c>);
    /// <see langword="null"/> for anything else.
    /// </summary>
    public static ILocalSymbol? OutLocal(IOperation argument) => argument switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
        ILocalReferenceOperation existing => existing.Local,
        _ => null,
    };

    /// <summary>
    /// The lambda or local function whose body holds <paramref name="operation"/>, or <see langword="null"/> for the
    /// method itself. An acquisition and a release pair up only inside the same body: a release in a lambda runs at
    /// some other time.
    /// </summary>
    public static IOperation? BodyOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    public static bool IsWithin(IOperation operation, IOperation? ancestor)
    {
        if (ancestor is null)
        {
            return false;
        }

        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statements of a block or a switch section, or an empty list.</summary>
    public static ImmutableArray<IOperation> StatementsOf(IOperation? owner) => owner switch
    {
        IBlockOperation block => block.Operations,
        ISwitchCaseOperation section => section.Body,
        _ => ImmutableArray<IOperation>.Empty,
    };

    /// <summary>
    /// The statement that holds <paramref name="operation"/> and sits directly in a block or switch section, or
    /// <see langword="null"/> when a lambda or local function boundary comes first.
    /// </summary>
    public static IOperation? StatementOf(IOperation operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current.Parent is IBlockOperation or ISwitchCaseOperation)
            {
                return current;
            }

            if (current.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The <c>try</c> statements whose <c>finally</c> holds <paramref name="operation"/>, innermost first, within its body.</summary>
    public static IEnumerable<ITryOperation> EnclosingFinallyOwners(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                yield break;
            }

            if (current is ITryOperation @try && @try.Finally == child)
            {
                yield return @try;
            }
        }
    }

    /// <summary>Whether <paramref name="operation"/> runs only on the normal path of a <c>try</c>: in its body or a <c>catch</c>.</summary>
    public static bool IsInTryBodyOrCatch(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (current is ITryOperation @try && (@try.Body == child || child is ICatchClauseOperation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every operation under <paramref name="root"/>, not entering lambdas or local functions.</summary>
    public static IEnumerable<IOperation> DescendantsInBody(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="operation"/> sits in a branch (not the condition) of an <c>if</c> or <c>?:</c> inside <paramref name="within"/>.</summary>
    public static bool IsConditionallyExecuted(IOperation operation, IOperation within)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null && child != within; child = current, current = current.Parent)
        {
            if (current is IConditionalOperation conditional && conditional.Condition != child)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The innermost <c>if</c> (or <c>?:</c>) with <paramref name="operation"/> in one of its branches, within its body,
    /// and whether that branch is the one taken when the condition is true.
    /// </summary>
    public static (IConditionalOperation If, bool WhenTrue)? EnclosingBranch(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (current is IConditionalOperation conditional && conditional.Condition != child)
            {
                return (conditional, conditional.WhenTrue == child);
            }
        }

        return null;
    }

    /// <summary>
    /// For a condition that is a <c>bool</c> parameter of <paramref name="method"/> or its negation
    /// (<c>if (!alreadyLocked)</c>), that parameter and the value it has when the condition is true.
    /// </summary>
    public static (IParameterSymbol Parameter, bool WhenTrue)? ParameterTest(IOperation condition, IMethodSymbol method)
    {
        var whenTrue = true;
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            whenTrue = !whenTrue;
            condition = not.Operand;
        }

        return condition is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean } parameter }
               && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
            ? (parameter, whenTrue)
            : null;
    }

    /// <summary>The locals, parameters, fields and properties <paramref name="operation"/> reads.</summary>
    public static HashSet<ISymbol> SymbolsRead(IOperation operation)
    {
        var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var descendant in DescendantsInBody(operation).Prepend(operation))
        {
            ISymbol? symbol = descendant switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (symbol is not null)
            {
                symbols.Add(symbol);
            }
        }

        return symbols;
    }

    /// <summary>Whether <paramref name="operation"/> mentions <paramref name="local"/>.</summary>
    public static bool References(IOperation operation, ILocalSymbol local)
    {
        foreach (var descendant in DescendantsInBody(operation))
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="statement"/> cannot throw and cannot leave: a declaration with constant initializers,
    /// or an empty statement. Anything else between an acquire and its <c>try</c> is a place an exception can escape.
    /// </summary>
    public static bool IsInert(IOperation statement)
    {
        switch (statement)
        {
            case IEmptyOperation:
                return true;
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var initializer = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                        if (initializer is not null && !initializer.ConstantValue.HasValue && initializer is not IDefaultValueOperation)
                        {
                            return false;
                        }
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether control never falls out of the end of <paramref name="statement"/> (it returns, throws, breaks or continues).</summary>
    public static bool AlwaysExits(IOperation statement)
    {
        while (statement is IBlockOperation block)
        {
            if (block.Operations.IsEmpty)
            {
                return false;
            }

            statement = block.Operations[block.Operations.Length - 1];
        }

        return statement is IReturnOperation or IBranchOperation
               || statement is IExpressionStatementOperation { Operation: IThrowOperation }
               || statement is IThrowOperation;
    }

    /// <summary>The value under any conversions, delegate creations and parentheses: <c>(Action)M</c> is <c>M</c>.</summary>
    public static IOperation Strip(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The top of the operation tree that holds <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>
    /// The value of a <c>bool</c> parameter of <paramref name="owner"/> that skips <paramref name="operation"/>: one inside
    /// <c>if (flag)</c> or <c>if (!flag)</c>, or one after <c>if (flag) return;</c> in the same block. Callers that pass
    /// that value as a constant (<see cref="ConstantFlags"/>) never reach it: a lock acquired only when the caller does
    /// not hold it already, a store made only when it does.
    /// </summary>
    public static (int Ordinal, bool Value)? SkippedWhen(IOperation operation, IMethodSymbol owner)
    {
        if (EnclosingBranch(operation) is { } branch)
        {
            return ParameterTest(branch.If.Condition, owner) is { } test
                ? (test.Parameter.Ordinal, branch.WhenTrue ? !test.WhenTrue : test.WhenTrue)
                : null;
        }

        if (StatementOf(operation) is { Parent: { } owningBlock } statement)
        {
            var list = StatementsOf(owningBlock);
            for (var i = list.IndexOf(statement) - 1; i >= 0; i--)
            {
                if (list[i] is IConditionalOperation { WhenFalse: null } exit && AlwaysExits(exit.WhenTrue)
                    && ParameterTest(exit.Condition, owner) is { } test)
                {
                    return (test.Parameter.Ordinal, test.WhenTrue);
                }
            }
        }

        return null;
    }

    /// <summary>The <c>bool</c> constants a call passes, by the callee's parameter ordinal.</summary>
    public static ImmutableArray<(int Ordinal, bool Value)> ConstantFlags(IInvocationOperation invocation)
    {
        var flags = ImmutableArray<(int, bool)>.Empty;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && argument.Value.ConstantValue is { HasValue: true, Value: bool value })
            {
                flags = flags.Add((parameter.Ordinal, value));
            }
        }

        return flags;
    }

    /// <summary>
    /// The <c>bool</c> parameters of <paramref name="owner"/> passed on as they are (<c>RecordQueueAsync(q,
    /// recordedEntitiesSemaphoreHeld: recordedEntitiesSemaphoreHeld)</c>): at the callee's ordinal, the caller's ordinal
    /// plus one (0 where the argument is anything else); null when there is none (<see cref="CallSite.Forwarded"/>,
    /// <c>OwnCall.Forwarded</c>).
    /// </summary>
    public static int[]? ForwardedFlags(IInvocationOperation invocation, IMethodSymbol owner)
    {
        int[]? forwarded = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: var ordinal } && argument.Value is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean, RefKind: RefKind.None } passed }
                && SymbolEqualityComparer.Default.Equals(passed.ContainingSymbol, owner))
            {
                forwarded ??= new int[invocation.TargetMethod.Parameters.Length];
                forwarded[ordinal] = passed.Ordinal + 1;
            }
        }

        return forwarded;
    }

    /// <summary>
    /// The flags a call passes (<paramref name="constantFlags"/>), with those it passes on (<paramref name="forwarded"/>,
    /// see <see cref="ForwardedFlags"/>) from <paramref name="callerFlags"/>, what its caller was passed.
    /// </summary>
    public static ImmutableArray<(int Ordinal, bool Value)> FlagsFor(ImmutableArray<(int Ordinal, bool Value)> constantFlags, int[]? forwarded, ImmutableArray<(int Ordinal, bool Value)> callerFlags)
    {
        if (forwarded is null || callerFlags.IsEmpty)
        {
            return constantFlags;
        }

        var flags = constantFlags;
        for (var ordinal = 0; ordinal < forwarded.Length; ordinal++)
        {
            if (forwarded[ordinal] == 0)
            {
                continue;
            }

            foreach (var (callerOrdinal, value) in callerFlags)
            {
                if (callerOrdinal == forwarded[ordinal] - 1)
                {
                    flags = flags.Add((ordinal, value));
                }
            }
        }

        return flags;
    }

    /// <summary>
    /// The code of <paramref name="body"/> that runs for one value of a <c>bool</c> parameter of <paramref name="method"/>
    /// only: the branches of <c>if (flag)</c> / <c>if (!flag)</c> (and their <c>else</c>), and the rest of the block after
    /// <c>if (flag) return;</c>, as <see cref="SkippedWhen"/> finds them for one operation, but as spans found in one
    /// pass; null when there is none.
    /// </summary>
    public static List<ParameterBranch>? ParameterBranches(IOperation body, IMethodSymbol method)
    {
        if (!HasBoolParameter(method))
        {
            return null;
        }

        List<ParameterBranch>? branches = null;
        foreach (var operation in DescendantsInBody(body))
        {
            if (operation is not IConditionalOperation conditional || ParameterTest(conditional.Condition, method) is not { } test)
            {
                continue;
            }

            // The branch taken when the condition is true runs when the parameter is test.WhenTrue, so it is skipped
            // for the other value; the other branch, or the rest of the block after 'if (flag) return;', the opposite.
            var ordinal = test.Parameter.Ordinal;
            branches ??= new List<ParameterBranch>();
            branches.Add(new ParameterBranch(conditional.WhenTrue.Syntax.Span, ordinal, !test.WhenTrue));
            if (conditional.WhenFalse is { } whenFalse)
            {
                branches.Add(new ParameterBranch(whenFalse.Syntax.Span, ordinal, test.WhenTrue));
            }
            else if (conditional.Parent is IBlockOperation block && AlwaysExits(conditional.WhenTrue))
            {
                branches.Add(new ParameterBranch(TextSpan.FromBounds(conditional.Syntax.Span.End, block.Syntax.Span.End), ordinal, test.WhenTrue));
            }
        }

        return branches;
    }

    /// <summary>A key for a set of flags (<c>"1-3+"</c>), to tell apart walks of one method with different flags.</summary>
    public static string FlagsKey(ImmutableArray<(int Ordinal, bool Value)> flags)
    {
        var key = new System.Text.StringBuilder();
        foreach (var (ordinal, value) in flags)
        {
            key.Append(ordinal).Append(value ? '+' : '-');
        }

        return key.ToString();
    }

    private static bool HasBoolParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Boolean)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Code that runs for one value of a <c>bool</c> parameter only: skipped when it has <see cref="Value"/>.</summary>
internal sealed class ParameterBranch
{
    public ParameterBranch(TextSpan span, int ordinal, bool value)
    {
        Span = span;
        Ordinal = ordinal;
        Value = value;
    }

    public TextSpan Span { get; }
    public int Ordinal { get; }
    public bool Value { get; }

    /// <summary>The parameter value that skips the innermost branch holding <paramref name="position"/>, if any.</summary>
    public static (int Ordinal, bool Value)? Innermost(List<ParameterBranch> branches, int position)
    {
        ParameterBranch? innermost = null;
        foreach (var branch in branches)
        {
            if (branch.Span.Contains(position) && (innermost is null || innermost.Span.Contains(branch.Span)))
            {
                innermost = branch;
            }
        }

        return innermost is null ? null : (innermost.Ordinal, innermost.Value);
    }

    /// <summary>The spans of <paramref name="branches"/> that do not run for <paramref name="flags"/>; null when none.</summary>
    public static List<TextSpan>? SkippedFor(List<ParameterBranch>? branches, ImmutableArray<(int Ordinal, bool Value)> flags)
    {
        if (branches is null || flags.IsDefaultOrEmpty)
        {
            return null;
        }

        List<TextSpan>? skipped = null;
        foreach (var branch in branches)
        {
            if (flags.Contains((branch.Ordinal, branch.Value)))
            {
                (skipped ??= new List<TextSpan>()).Add(branch.Span);
            }
        }

        return skipped;
    }
}

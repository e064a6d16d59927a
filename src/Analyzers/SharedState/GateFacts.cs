using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Recognises compare-and-swap gates: conditions that only one caller at a time can pass, because passing them
/// atomically flips a flag that the winner resets when done (usually in a <c>finally</c>).
/// </summary>
/// <remarks>
/// Shapes: <c>Interlocked.CompareExchange(ref f, taken, free) == free</c> (or <c>!=</c> for the refusal), and
/// <c>Interlocked.Exchange(ref f, taken) == free</c>/<c>!= taken</c> (or <c>== taken</c>/<c>!= free</c> for the
/// refusal), optionally under <c>!</c>. The flag field stands for the gate as if it were a lock, so code behind one
/// gate shares a lock and does not race with itself.
/// </remarks>
internal sealed class GateFacts
{
    private readonly ConcurrencyTypes _types;

    public GateFacts(ConcurrencyTypes types) => _types = types;

    public readonly struct Gate
    {
        public Gate(ISymbol flag, bool acquiredWhenTrue)
        {
            Flag = flag;
            AcquiredWhenTrue = acquiredWhenTrue;
        }

        public ISymbol Flag { get; }

        /// <summary>True when the condition holds for the one caller that got through.</summary>
        public bool AcquiredWhenTrue { get; }
    }

    public Gate? Test(IOperation condition)
    {
        condition = Strip(condition);
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return Test(not.Operand) is { } inner ? new Gate(inner.Flag, !inner.AcquiredWhenTrue) : null;
        }

        if (condition is ILocalReferenceOperation { Local: { } local } && StoredTest(local, condition) is { } stored)
        {
            // 'var ran = Interlocked.CompareExchange(ref busy, 1, 0) == 0; if (!ran) return;'
            return Test(stored);
        }

        if (condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
        {
            return null;
        }

        var (call, compared) = CallAndCompared(comparison);
        if (call is null || !ConcurrencyTypes.Is(call.TargetMethod.ContainingType, _types.Interlocked) || call.Arguments.Length < 2
            || Strip(compared).ConstantValue is not { HasValue: true } constant
            || SynchronizationFacts.LockSymbol(call.Arguments[0].Value) is not IFieldSymbol flag)
        {
            return null;
        }

        var equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
        var taken = Strip(call.Arguments[1].Value).ConstantValue;
        switch (call.TargetMethod.Name)
        {
            case "CompareExchange" when call.Arguments.Length == 3 && Strip(call.Arguments[2].Value).ConstantValue is { HasValue: true } free && Equals(free.Value, constant.Value):
                // The old value was 'free': this caller swapped in 'taken'.
                return new Gate(flag, acquiredWhenTrue: equals);
            case "Exchange" when taken.HasValue && !Equals(taken.Value, constant.Value):
                // The old value was something other than 'taken' (it was free).
                return new Gate(flag, acquiredWhenTrue: equals);
            case "Exchange" when taken.HasValue:
                // The old value was 'taken' already: someone else holds the gate.
                return new Gate(flag, acquiredWhenTrue: !equals);
            default:
                return null;
        }
    }

    /// <summary>The call compared (<c>Interlocked.CompareExchange(…) == x</c>, either way round) and what it is compared with.</summary>
    internal static (IInvocationOperation? Call, IOperation Compared) CallAndCompared(IBinaryOperation comparison)
        => Strip(comparison.LeftOperand) is IInvocationOperation left
            ? (left, comparison.RightOperand)
            : (Strip(comparison.RightOperand) as IInvocationOperation, comparison.LeftOperand);

    /// <summary>The last value stored in a local before <paramref name="use"/>, when that value is a comparison.</summary>
    private static IOperation? StoredTest(ILocalSymbol local, IOperation use)
    {
        var root = use;
        while (root.Parent is { } parent && root is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            root = parent;
        }

        IOperation? last = null;
        var lastPosition = -1;
        foreach (var operation in root.Descendants())
        {
            var (target, value) = operation switch
            {
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation reference } assignment => (reference.Local, assignment.Value),
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value),
                _ => (null, null),
            };
            var position = operation.Syntax.SpanStart;
            if (value is not null && SymbolEqualityComparer.Default.Equals(target, local) && position < use.Syntax.SpanStart && position > lastPosition)
            {
                last = value;
                lastPosition = position;
            }
        }

        return last is not null && Strip(last) is IBinaryOperation ? last : null;
    }

    /// <summary>Whether a branch always leaves the enclosing code: <c>return</c>, <c>throw</c>, or a block ending in one.</summary>
    public static bool Exits(IOperation branch)
    {
        while (branch is IBlockOperation block)
        {
            if (block.Operations.Length == 0)
            {
                return false;
            }

            branch = block.Operations[block.Operations.Length - 1];
        }

        return branch is IReturnOperation or IThrowOperation
            || branch is IExpressionStatementOperation { Operation: IThrowOperation }
            || branch is IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break };
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}

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

        if (condition is IInvocationOperation helper && WinnerValue(helper) is { } won)
        {
            // 'if (DisconnectIsPendingOrFinished()) return;': a helper that answers 'won' only to the caller whose
            // compare-and-swap succeeded. Its callers past it exclude each other; the helper stands for the gate,
            // not the field, since other transitions of the same field (a connect) are not excluded by it.
            return new Gate(helper.TargetMethod.OriginalDefinition, acquiredWhenTrue: won == WonWhenTrue);
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

    private static readonly object WonWhenTrue = new();
    private static readonly object WonWhenFalse = new();
    private static readonly object NoGate = new();

    /// <summary>Per helper method: <see cref="WonWhenTrue"/>, <see cref="WonWhenFalse"/> or <see cref="NoGate"/> (objects, not nullable booleans, so no generic code over a value type is compiled).</summary>
    private readonly Dictionary<IMethodSymbol, object> _helpers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// For a call of a private <c>bool</c> method declared in the same file, the answer it gives only to the caller
    /// whose compare-and-swap succeeded, or null. Every <c>return</c> of that constant must sit in the true branch of
    /// a test that the swap's old value equals its comparand (<c>var current = Interlocked.CompareExchange(ref state,
    /// Closing, seen); if (current == seen) return false;</c>, also through a private helper that returns the swap's
    /// result, with conversions), and every other return must be the other constant.
    /// </summary>
    private object? WinnerValue(IInvocationOperation call)
    {
        var method = call.TargetMethod.OriginalDefinition;
        if (method is not { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private, ReturnType.SpecialType: SpecialType.System_Boolean }
            || call.SemanticModel is not { } semanticModel)
        {
            return null;
        }

        if (!_helpers.TryGetValue(method, out var answer))
        {
            answer = _helpers[method] = Answer(method, semanticModel) ?? NoGate;
        }

        return answer == NoGate ? null : answer;
    }

    private static readonly string[] SwapWord = ["CompareExchange"];

    private object? Answer(IMethodSymbol method, SemanticModel semanticModel)
    {
        // The helper and the swap it reads are in this file (both private, declared here): a file that never names the
        // swap holds no such gate, and no body is bound to find that out (most private bool helpers are not gates).
        if (!SourceWords.Any(semanticModel.SyntaxTree.GetText(), SwapWord)
            || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != semanticModel.SyntaxTree
            || semanticModel.GetOperation(method.DeclaringSyntaxReferences[0].GetSyntax()) is not { } body)
        {
            return null;
        }

        List<IReturnOperation>? wonWhenTrue = null, wonWhenFalse = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null; // a return inside them is theirs; not worth telling apart
            }

            if (operation is IReturnOperation returned)
            {
                if (returned.ReturnedValue?.ConstantValue is not { HasValue: true, Value: bool value })
                {
                    return null;
                }

                (value ? wonWhenTrue ??= new() : wonWhenFalse ??= new()).Add(returned);
            }
        }

        if (wonWhenTrue is null || wonWhenFalse is null)
        {
            return null;
        }

        return wonWhenFalse.TrueForAll(r => AfterWonSwap(r, body)) ? WonWhenFalse
            : wonWhenTrue.TrueForAll(r => AfterWonSwap(r, body)) ? WonWhenTrue
            : null;
    }

    /// <summary>Whether <paramref name="returned"/> is the true branch of a test that a compare-and-swap's old value equals its comparand.</summary>
    private bool AfterWonSwap(IReturnOperation returned, IOperation body)
    {
        IOperation branch = returned;
        if (branch.Parent is IBlockOperation block && block.Operations[block.Operations.Length - 1] == returned)
        {
            branch = block;
        }

        if (branch.Parent is not IConditionalOperation test || test.WhenTrue != branch
            || Strip(test.Condition) is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equality)
        {
            return false;
        }

        return Same(SwapComparand(equality.LeftOperand, body, test), equality.RightOperand)
               || Same(SwapComparand(equality.RightOperand, body, test), equality.LeftOperand);
    }

    /// <summary>The comparand of the compare-and-swap whose old value <paramref name="value"/> is, or null.</summary>
    private IOperation? SwapComparand(IOperation value, IOperation body, IOperation use, int depth = 0)
    {
        value = Strip(value);
        if (depth > 2)
        {
            return null;
        }

        if (value is ILocalReferenceOperation { Local: { } local })
        {
            return LastStore(local, body, use) is { } stored ? SwapComparand(stored, body, use, depth + 1) : null;
        }

        if (value is not IInvocationOperation call)
        {
            return null;
        }

        if (ConcurrencyTypes.Is(call.TargetMethod.ContainingType, _types.Interlocked))
        {
            return call.TargetMethod.Name == "CompareExchange" && call.Arguments.Length == 3
                   && SynchronizationFacts.LockSymbol(call.Arguments[0].Value) is IFieldSymbol
                ? Strip(call.Arguments[2].Value)
                : null;
        }

        // 'Status Swap(Status value, Status comparand) => (Status)Interlocked.CompareExchange(ref _status, (int)value, (int)comparand);'
        var helper = call.TargetMethod.OriginalDefinition;
        if (helper.DeclaredAccessibility != Accessibility.Private || helper.DeclaringSyntaxReferences.Length != 1
            || call.SemanticModel is not { } semanticModel || helper.DeclaringSyntaxReferences[0].SyntaxTree != semanticModel.SyntaxTree
            || semanticModel.GetOperation(helper.DeclaringSyntaxReferences[0].GetSyntax()) is not IMethodBodyOperation { BlockBody: var block, ExpressionBody: var expression }
            || (block ?? expression) is not { Operations.Length: 1 } only || only.Operations[0] is not IReturnOperation { ReturnedValue: { } result })
        {
            return null;
        }

        if (SwapComparand(result, result, result, depth + 1) is IParameterReferenceOperation { Parameter: var parameter })
        {
            foreach (var argument in call.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return Strip(argument.Value);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The stores of each local of a body, in the order they appear, read once per body: a method with many
    /// <c>if (flag) return …;</c> tests asks for the last store of a flag at every access behind them (FusionCache: a
    /// walk of the whole body for each of them was half of Forklift's time in that library).
    /// </summary>
    private readonly Dictionary<IOperation, Dictionary<ILocalSymbol, List<(int Position, IOperation Value)>>> _localStores = new();

    /// <summary>The last value stored in <paramref name="local"/> before <paramref name="use"/> within <paramref name="body"/>.</summary>
    private IOperation? LastStore(ILocalSymbol local, IOperation body, IOperation use)
    {
        if (!_localStores.TryGetValue(body, out var byLocal))
        {
            _localStores[body] = byLocal = new Dictionary<ILocalSymbol, List<(int Position, IOperation Value)>>(SymbolEqualityComparer.Default);
            foreach (var operation in body.Descendants())
            {
                var (target, value) = operation switch
                {
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation reference } assignment => (reference.Local, assignment.Value),
                    IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value),
                    _ => (null, null),
                };
                if (target is not null && value is not null)
                {
                    if (!byLocal.TryGetValue(target, out var stores))
                    {
                        byLocal[target] = stores = new List<(int Position, IOperation Value)>();
                    }

                    stores.Add((operation.Syntax.SpanStart, value));
                }
            }
        }

        IOperation? last = null;
        var lastPosition = -1;
        if (byLocal.TryGetValue(local, out var found))
        {
            foreach (var (position, value) in found)
            {
                if (position < use.Syntax.SpanStart && position > lastPosition)
                {
                    last = value;
                    lastPosition = position;
                }
            }
        }

        return last;
    }

    /// <summary>Whether two operands are the same local or parameter, or equal constants.</summary>
    private static bool Same(IOperation? comparand, IOperation other)
    {
        other = Strip(other);
        return comparand switch
        {
            null => false,
            ILocalReferenceOperation local => other is ILocalReferenceOperation otherLocal && SymbolEqualityComparer.Default.Equals(local.Local, otherLocal.Local),
            IParameterReferenceOperation parameter => other is IParameterReferenceOperation otherParameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, otherParameter.Parameter),
            _ => comparand.ConstantValue is { HasValue: true } constant && other.ConstantValue is { HasValue: true } otherConstant && Equals(constant.Value, otherConstant.Value),
        };
    }

    /// <summary>The call compared (<c>Interlocked.CompareExchange(…) == x</c>, either way round) and what it is compared with.</summary>
    internal static (IInvocationOperation? Call, IOperation Compared) CallAndCompared(IBinaryOperation comparison)
        => Strip(comparison.LeftOperand) is IInvocationOperation left
            ? (left, comparison.RightOperand)
            : (Strip(comparison.RightOperand) as IInvocationOperation, comparison.LeftOperand);

    /// <summary>The last value stored in a local before <paramref name="use"/>, when that value is a comparison.</summary>
    private IOperation? StoredTest(ILocalSymbol local, IOperation use)
    {
        var root = use;
        while (root.Parent is { } parent && root is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            root = parent;
        }

        return LastStore(local, root, use) is { } last && Strip(last) is IBinaryOperation ? last : null;
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

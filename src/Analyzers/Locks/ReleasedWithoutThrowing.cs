using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// Whether every path from an acquire reaches a release of the same lock through code that cannot throw and does not
/// leave: reads and stores of locals, parameters and the object's fields, auto-properties, literals, unchecked
/// arithmetic and comparisons of built-in types, and <c>if</c>s over those (AsyncKeyedLock's
/// <c>if (Monitor.TryEnter(this)) { if (IsNotInUse) { Monitor.Exit(this); return false; } ++_referenceCount; Monitor.Exit(this); return true; }</c>;
/// NetMQ's <c>Monitor.Enter(m_slotSync); if (!m_starting) { bool restarted = m_terminating; m_terminating = true; Monitor.Exit(m_slotSync); … }</c>).
/// A <c>finally</c> would add nothing there: no exception can come before the release.
/// </summary>
/// <remarks>
/// A path that falls out of an <c>if</c> goes on after it, up through the enclosing blocks of the method; a loop, a
/// <c>try</c>, a call, an allocation, an <c>await</c>, an element access, a division, a user-defined operator, a
/// <c>checked</c> operation, or a <c>return</c>/<c>break</c> before the release ends the question with "may throw".
/// </remarks>
internal static class ReleasedWithoutThrowing
{
    private enum Outcome
    {
        Released,
        FallsThrough,
        MayThrow,
    }

    public static bool OnEveryPath(LockCall acquire, List<LockCall> releases)
    {
        var invocation = acquire.Invocation;
        var lockObject = LockedLocal(invocation);
        var releaseSet = new HashSet<IOperation>(releases.Select(release => (IOperation)release.Invocation));

        // 'if (Monitor.TryEnter(x)) { … }': the lock is held in the branch the acquire's success takes.
        if (acquire.Shape == AcquireShape.TryResult)
        {
            if (invocation.Parent is not IConditionalOperation { WhenTrue: { } held } test || test.Condition != invocation)
            {
                return false;
            }

            // The branch the acquire's success takes is a path of its own: a 'lock' statement cannot say 'if (TryEnter)'.
            return Walk(OperationTree.StatementsOf(held), 0, releaseSet, lockObject, new Paths()) == Outcome.Released;
        }

        if (OperationTree.StatementOf(invocation) is not IExpressionStatementOperation { Operation: var only } statement || only != invocation)
        {
            return false;
        }

        var paths = new Paths();
        return After(statement, releaseSet, lockObject, paths) && paths.Branched;
    }

    /// <summary>
    /// Whether the way from the acquire to its releases branches: a release inside an <c>if</c>, or one reached after
    /// falling out of the block the acquire is in. A straight run (<c>Monitor.Enter(_gate); _balance += amount;
    /// Monitor.Exit(_gate);</c>) is still reported: a <c>lock</c> statement says the same, and stays right when a call
    /// is added to it later; the branching shapes are the ones a <c>lock</c> cannot express.
    /// </summary>
    private sealed class Paths
    {
        public bool Branched { get; set; }
    }

    /// <summary>Whether the path that goes on after <paramref name="statement"/> is released harmlessly.</summary>
    private static bool After(IOperation statement, HashSet<IOperation> releases, ISymbol? lockObject, Paths paths)
    {
        var current = statement;
        while (current.Parent is IBlockOperation block)
        {
            var outcome = Walk(block.Operations, block.Operations.IndexOf(current) + 1, releases, lockObject, paths);
            if (outcome != Outcome.FallsThrough)
            {
                return outcome == Outcome.Released;
            }

            // Out of the block: on after the 'if' it is a branch of, or after the block in its own block; the end of
            // the method, a loop's body or a lambda's leaves the lock held.
            paths.Branched = true;
            switch (block.Parent)
            {
                case IConditionalOperation { Parent: IBlockOperation } owner:
                    current = owner;
                    break;
                case IBlockOperation:
                    current = block;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static Outcome Walk(ImmutableArray<IOperation> statements, int from, HashSet<IOperation> releases, ISymbol? lockObject, Paths paths)
    {
        for (var i = from; i < statements.Length; i++)
        {
            var statement = statements[i];
            if (statement is IExpressionStatementOperation { Operation: IInvocationOperation call } && releases.Contains(call))
            {
                return Outcome.Released;
            }

            switch (statement)
            {
                case IConditionalOperation { Condition: var condition, WhenTrue: var whenTrue, WhenFalse: var whenFalse }:
                    if (!Harmless(condition, lockObject))
                    {
                        return Outcome.MayThrow;
                    }

                    var onTrue = Branch(whenTrue, releases, lockObject, paths);
                    var onFalse = whenFalse is null ? Outcome.FallsThrough : Branch(whenFalse, releases, lockObject, paths);
                    if (onTrue == Outcome.MayThrow || onFalse == Outcome.MayThrow)
                    {
                        return Outcome.MayThrow;
                    }

                    paths.Branched |= onTrue == Outcome.Released || onFalse == Outcome.Released;
                    if (onTrue == Outcome.Released && onFalse == Outcome.Released)
                    {
                        return Outcome.Released;
                    }

                    // One branch released it (what runs after that on its path is not this acquire's to guard); the
                    // path through the other goes on after the 'if'.
                    continue;
                case IBlockOperation block:
                    var inner = Walk(block.Operations, 0, releases, lockObject, paths);
                    if (inner != Outcome.FallsThrough)
                    {
                        return inner;
                    }

                    continue;
                case IEmptyOperation:
                    continue;
                case IExpressionStatementOperation { Operation: var expression } when Harmless(expression, lockObject):
                    continue;
                case IVariableDeclarationGroupOperation group when OperationTree.DescendantsInBody(group).All(operation => operation is IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation || IsHarmlessNode(operation, lockObject)):
                    continue;
                default:
                    return Outcome.MayThrow;
            }
        }

        return Outcome.FallsThrough;
    }

    /// <summary>A branch of an <c>if</c>: released in it (then left by a return or a jump, which are fine after the release), or not.</summary>
    private static Outcome Branch(IOperation branch, HashSet<IOperation> releases, ISymbol? lockObject, Paths paths)
        => Walk(branch is IBlockOperation block ? block.Operations : ImmutableArray.Create(branch), 0, releases, lockObject, paths);

    private static bool Harmless(IOperation root, ISymbol? lockObject)
        => IsHarmlessNode(root, lockObject) && OperationTree.DescendantsInBody(root).All(operation => IsHarmlessNode(operation, lockObject));

    private static bool IsHarmlessNode(IOperation operation, ISymbol? lockObject) => operation switch
    {
        ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IDefaultValueOperation => true,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
        IFieldReferenceOperation { Instance: ILocalReferenceOperation { Local: var local } } => SymbolEqualityComparer.Default.Equals(local, lockObject),
        IPropertyReferenceOperation { Property.GetMethod: { } getter, Instance: var instance, Arguments.IsEmpty: true } reference
            => LockReleaseNotInFinallyAnalyzer.IsAutoAccessor(getter) && !(reference.Parent is ISimpleAssignmentOperation assigned && assigned.Target == reference)
               && (instance is null or IInstanceReferenceOperation || instance is ILocalReferenceOperation { Local: var owner } && SymbolEqualityComparer.Default.Equals(owner, lockObject)),
        IConversionOperation { OperatorMethod: null, IsChecked: false, Conversion.IsUserDefined: false } => true,
        IParenthesizedOperation => true,
        IBinaryOperation { OperatorMethod: null, IsChecked: false, OperatorKind: not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder) } binary
            => IsBuiltIn(binary.LeftOperand.Type) && IsBuiltIn(binary.RightOperand.Type),
        IUnaryOperation { OperatorMethod: null, IsChecked: false } unary => IsBuiltIn(unary.Operand.Type),
        IIncrementOrDecrementOperation { OperatorMethod: null, IsChecked: false } step => IsBuiltIn(step.Target.Type),
        ICompoundAssignmentOperation { OperatorMethod: null, IsChecked: false, OperatorKind: not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder) } compound => IsBuiltIn(compound.Target.Type),
        ISimpleAssignmentOperation { IsRef: false } => true,
        _ => false,
    };

    private static bool IsBuiltIn(ITypeSymbol? type)
        => type is not null && (type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Byte or SpecialType.System_SByte
                                    or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                                    or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
                                || type.TypeKind == TypeKind.Enum);

    /// <summary>The local the lock is taken on (<c>Monitor.Enter(result)</c>): once taken, it is not null.</summary>
    private static ISymbol? LockedLocal(IInvocationOperation acquire)
        => acquire.Arguments.Length > 0 && OperationTree.Strip(acquire.Arguments[0].Value) is ILocalReferenceOperation local ? local.Local : null;
}

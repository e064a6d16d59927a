using System.Collections.Immutable;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>FL1005: a read-then-write of one key of a <c>ConcurrentDictionary</c> made of two calls, which another thread can split.</summary>
/// <remarks>
/// Each member of <c>ConcurrentDictionary</c> is atomic, but two of them in a row are not: <c>counts[key]++</c> reads
/// and then writes, so two threads lose an increment exactly as with a plain field, and
/// <c>if (!d.ContainsKey(k)) d[k] = v</c> lets two threads both add, the second overwriting the first. A concurrent
/// dictionary says the code is meant to run on several threads, so no concurrency context is needed to report it.
/// <c>AddOrUpdate</c>, <c>GetOrAdd</c> and <c>TryAdd</c> do the whole step atomically.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConcurrentDictionaryCompoundOperationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the atomic member that replaces the operation (<c>AddOrUpdate</c>, <c>GetOrAdd</c>, <c>TryAdd</c>).</summary>
    internal const string ReplacementKey = "Replacement";

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ConcurrentDictionaryCompoundOperation,
        title: "Update a ConcurrentDictionary entry in one atomic call",
        messageFormat: "{0} on '{1}' reads and then writes the entry in two steps, so another thread can change it in between; use {2}",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Compound operations on a ConcurrentDictionary entry (d[k]++, d[k] += n, check-then-add, TryGetValue then set) are not atomic. Use AddOrUpdate, GetOrAdd or TryAdd.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ConcurrentDictionaryCompoundOperation));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ReferenceOnlyCompile.SkipsBodies(start.Options))
            {
                return; // no code is emitted, so no body can race (see ReferenceOnlyCompile)
            }

            // Looked up when a file first holds a candidate, not here, as the lock rules do (LockApis): a lookup in a
            // compilation start action pays for, or waits on, the binding of the compilation's references when the
            // host starts the analyzers first (CompilationWithAnalyzers in the analyzer benchmark: a sixth of
            // Forklift's CPU samples on NLog). A file's semantic model comes after that binding. Nothing is reported in
            // a compilation that cannot name the type.
            var compilation = start.Compilation;
            var concurrentDictionary = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2"));

            // Per-file walks that bind only where an entry can be involved (ConcurrentDictionaryCandidates), not
            // operation actions, which make the driver bind every method body of the compilation; and one callback per
            // file, not one per 'if' or assignment (FileNodeActions). A check-then-act needs a 'ContainsKey' or
            // 'TryGetValue' in the file's text. Only the nodes around the positions the text checks find are read.
            FileNodeActions.Register(
                start,
                ConcurrentDictionaryCandidates.ElementUpdatePositions,
                node =>
                {
                    if (concurrentDictionary.Value is { } dictionary)
                    {
                        AnalyzeUpdate(node, dictionary);
                    }
                },
                UpdateKinds);
            FileNodeActions.Register(
                start,
                static text => SourceWords.Positions(text, CheckWords),
                node =>
                {
                    if (concurrentDictionary.Value is { } dictionary)
                    {
                        AnalyzeCheckThenAct(node, dictionary);
                    }
                },
                SyntaxKind.IfStatement,
                SyntaxKind.ConditionalExpression);
        });
    }

    /// <summary>The syntax of increments, decrements, compound, simple and '??=' assignments.</summary>
    internal static readonly SyntaxKind[] UpdateKinds =
    [
        SyntaxKind.PostIncrementExpression, SyntaxKind.PostDecrementExpression, SyntaxKind.PreIncrementExpression, SyntaxKind.PreDecrementExpression,
        SyntaxKind.SimpleAssignmentExpression, SyntaxKind.CoalesceAssignmentExpression,
        SyntaxKind.AddAssignmentExpression, SyntaxKind.SubtractAssignmentExpression, SyntaxKind.MultiplyAssignmentExpression,
        SyntaxKind.DivideAssignmentExpression, SyntaxKind.ModuloAssignmentExpression, SyntaxKind.AndAssignmentExpression,
        SyntaxKind.ExclusiveOrAssignmentExpression, SyntaxKind.OrAssignmentExpression, SyntaxKind.LeftShiftAssignmentExpression,
        SyntaxKind.RightShiftAssignmentExpression, SyntaxKind.UnsignedRightShiftAssignmentExpression,
    ];

    /// <summary>The names of the calls a check-then-act tests (see <see cref="ConcurrentDictionaryCandidates.CheckedDictionary"/>).</summary>
    private static readonly string[] CheckWords = ["ContainsKey", "TryGetValue"];

    private static void AnalyzeUpdate(FileNode context, INamedTypeSymbol dictionary)
    {
        if (ConcurrentDictionaryCandidates.UpdatedElement(context.Node) is not { } element
            || (ConcurrentDictionaryCandidates.Receiver(element) is { } receiver
                ? !ConcurrentDictionaryCandidates.MayBeDictionary(receiver, context.SemanticModel, dictionary, context.CancellationToken)
                : !ConcurrentDictionaryCandidates.InitializedObjectMayBeDictionary(element, context.SemanticModel, dictionary))
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not { } operation)
        {
            return;
        }

        AnalyzeUpdate(context.ReportDiagnostic, operation, dictionary, context.CancellationToken);
    }

    private static void AnalyzeUpdate(Action<Diagnostic> reportDiagnostic, IOperation operation, INamedTypeSymbol dictionary, CancellationToken cancellationToken)
    {
        var (target, replacement, shown) = operation switch
        {
            IIncrementOrDecrementOperation increment => (increment.Target, "AddOrUpdate", operation.Syntax.ToString()),
            ICompoundAssignmentOperation compound => (compound.Target, "AddOrUpdate", operation.Syntax.ToString()),
            ICoalesceAssignmentOperation coalesce => (coalesce.Target, "GetOrAdd", operation.Syntax.ToString()),
            ISimpleAssignmentOperation simple when Entry(simple.Target, dictionary) is { } entry && ReadsEntry(simple.Value, entry, dictionary)
                => (simple.Target, "AddOrUpdate", operation.Syntax.ToString()),
            _ => (null, null, null),
        };
        if (target is null || Entry(target, dictionary) is not { } written)
        {
            return;
        }

        Report(reportDiagnostic, operation, $"'{shown}'", written, replacement!, cancellationToken);
    }

    /// <summary>
    /// <c>if (!d.ContainsKey(k)) d[k] = v;</c>, <c>if (!d.TryGetValue(k, out v)) { …; d[k] = v; }</c>, and the early-return
    /// form <c>if (d.TryGetValue(k, out var v)) return v; … d[k] = s;</c>, where the act follows the <c>if</c>.
    /// </summary>
    private static void AnalyzeCheckThenAct(FileNode context, INamedTypeSymbol dictionary)
    {
        var condition = context.Node is IfStatementSyntax ifStatement ? ifStatement.Condition : ((ConditionalExpressionSyntax)context.Node).Condition;
        if (ConcurrentDictionaryCandidates.CheckedDictionary(condition) is not { } receiver
            || !ConcurrentDictionaryCandidates.MayBeDictionary(receiver, context.SemanticModel, dictionary, context.CancellationToken)
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IConditionalOperation conditional
            || conditional.IsRef || Check(conditional.Condition, dictionary) is not { } check)
        {
            return;
        }

        foreach (var region in ActRegions(conditional))
        {
            foreach (var operation in region.DescendantsAndSelf())
            {
                var (written, isAdd) = operation switch
                {
                    ISimpleAssignmentOperation assignment => (Entry(assignment.Target, dictionary), false),
                    IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" } add when add.Arguments.Length == 2 && IsDictionary(add.Instance, dictionary)
                        => (new EntryReference(add.Instance!, add.Arguments[0].Value), true),
                    _ => (null, false),
                };
                if (written is null || !SameEntry(written.Value, check.Entry) || IsLockedWithin(operation, region))
                {
                    continue; // a locked act is the double-checked form: the check is repeated under the lock
                }

                if (operation is ISimpleAssignmentOperation { Value: var stored }
                    && (IsImmutableReference(stored.Type ?? (operation as ISimpleAssignmentOperation)!.Target.Type) || IsOneSharedObject(stored))
                    && !ReadsEntry(stored, written.Value, dictionary) && !ReadsFoundValue(stored, conditional.Condition, region, operation))
                {
                    // log4net's user names by SID: 'if (d.TryGetValue(sid, out var name)) return name; … d[sid] = userName;'
                    // fills a cache with a string. Two threads that both miss store equal, immutable values: the idempotent
                    // publication that FL1001 leaves alone too. A mutable object stored so is still reported: its two
                    // callers would hold two objects for one key.
                    continue;
                }

                var what = $"'{check.Method}' then {(isAdd ? "add" : "set")}";
                if (operation is IInvocationOperation { TargetMethod.Name: "TryAdd" } tryAdd)
                {
                    // 'if (!d.ContainsKey(k)) d.TryAdd(k, v)' is redundant, not racy, and 'TryGetValue' then 'TryAdd'
                    // reading the winner when it fails is the correct lock-free idiom. Ignoring the result and then
                    // using one's own value is not: the caller may hold a value that another thread replaced.
                    if (check.Method != "TryGetValue" || !UsesOwnValueAfterIgnoredTryAdd(tryAdd))
                    {
                        continue;
                    }

                    if (IsImmutableReference(Strip(tryAdd.Arguments[1].Value).Type))
                    {
                        // Foundatio's type caches: 'if (d.TryGetValue(name, out var t)) return t; t = Type.GetType(name);
                        // d.TryAdd(name, t); return t;'. The loser returns a value equal to the winner's, and one that never
                        // changes (a resolved 'Type' is the very object the dictionary holds), as for a set above.
                        continue;
                    }

                    what = $"'{check.Method}' then TryAdd with its result ignored";
                }

                var replacement = check.Method == "ContainsKey" ? "TryAdd or GetOrAdd" : "GetOrAdd or AddOrUpdate";
                Report(context.ReportDiagnostic, conditional, what, written.Value, replacement, context.CancellationToken, conditional.Syntax.GetFirstToken().GetLocation());
                return;
            }
        }
    }

    /// <summary>
    /// Where the act of a check-then-act can be: either branch, or, when the check found the key and left
    /// (<c>if (d.TryGetValue(k, out var v)) return v;</c>), the statements after the <c>if</c> in its block.
    /// </summary>
    private static IEnumerable<IOperation> ActRegions(IConditionalOperation conditional)
    {
        if (conditional.WhenTrue is { } whenTrue)
        {
            yield return whenTrue;
        }

        if (conditional.WhenFalse is { } whenFalse)
        {
            yield return whenFalse;
            yield break;
        }

        if (conditional.Condition is not IInvocationOperation || conditional.WhenTrue is null || !AlwaysLeaves(conditional.WhenTrue)
            || conditional.Parent is not IBlockOperation block)
        {
            yield break;
        }

        var after = false;
        foreach (var statement in block.Operations)
        {
            if (after)
            {
                yield return statement;
            }

            after |= statement == conditional;
        }
    }

    private static bool IsLockedWithin(IOperation operation, IOperation region)
    {
        for (var current = operation; current is not null && current != region.Parent; current = current.Parent)
        {
            if (current is ILockOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AlwaysLeaves(IOperation branch)
    {
        while (branch is IBlockOperation { Operations.Length: > 0 } block)
        {
            branch = block.Operations[block.Operations.Length - 1];
        }

        return branch is IReturnOperation or IThrowOperation || branch is IExpressionStatementOperation { Operation: IThrowOperation };
    }

    /// <summary><c>d.TryAdd(k, s);</c> as a statement, and the local <c>s</c> read afterwards (<c>return s;</c>).</summary>
    private static bool UsesOwnValueAfterIgnoredTryAdd(IInvocationOperation tryAdd)
    {
        if (tryAdd.Parent is not IExpressionStatementOperation || Strip(tryAdd.Arguments[1].Value) is not ILocalReferenceOperation value)
        {
            return false;
        }

        var root = tryAdd;
        IOperation current = tryAdd;
        while (current.Parent is { } parent)
        {
            current = parent;
        }

        foreach (var operation in current.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && operation.Syntax.SpanStart > root.Syntax.Span.End
                && SymbolEqualityComparer.Default.Equals(reference.Local, value.Local))
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(Action<Diagnostic> report, IOperation operation, string what, EntryReference entry, string replacement, CancellationToken cancellationToken, Location? location = null)
    {
        if (CallerLocks.RunsUnderLock(operation, cancellationToken))
        {
            // A lock held here, or by every caller of this private helper, makes the two steps one, as long as the
            // other writers take it too (FL1003's business).
            return;
        }

        var name = SymbolName(entry.Dictionary) ?? entry.Dictionary.Syntax.ToString();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ReplacementKey, replacement.Split(' ')[0]);
        report(Diagnostic.Create(Rule, location ?? operation.Syntax.GetLocation(), properties, what, name, replacement));
    }

    private static (string Method, EntryReference Entry)? Check(IOperation condition, INamedTypeSymbol dictionary)
    {
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            condition = not.Operand;
        }

        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
            && (comparison.RightOperand.ConstantValue.HasValue || comparison.LeftOperand.ConstantValue.HasValue))
        {
            condition = comparison.RightOperand.ConstantValue.HasValue ? comparison.LeftOperand : comparison.RightOperand;
        }

        return condition is IInvocationOperation { TargetMethod.Name: "ContainsKey" or "TryGetValue" } call && call.Arguments.Length >= 1 && IsDictionary(call.Instance, dictionary)
            ? (call.TargetMethod.Name, new EntryReference(call.Instance!, call.Arguments[0].Value))
            : null;
    }

    private static EntryReference? Entry(IOperation target, INamedTypeSymbol dictionary)
        => Strip(target) is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer && indexer.Arguments.Length == 1 && IsDictionary(instance, dictionary)
            ? new EntryReference(instance, indexer.Arguments[0].Value)
            : null;

    /// <summary>
    /// Whether <paramref name="value"/> reads the entry: <c>d[k]</c>, <c>d.GetValueOrDefault(k)</c>, or a local set from
    /// one of them or by <c>d.TryGetValue(k, out n)</c> earlier in the same body.
    /// </summary>
    private static bool ReadsEntry(IOperation value, EntryReference entry, INamedTypeSymbol dictionary, bool throughLocals = true)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if ((Entry(operation, dictionary) ?? ReadByCall(operation, dictionary)) is { } read && SameEntry(read, entry))
            {
                return true;
            }

            if (throughLocals && operation is ILocalReferenceOperation local && LocalReadsEntry(local, entry, dictionary))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entry <c>d.GetValueOrDefault(k)</c> reads (an extension method: <c>d</c> is its first argument).</summary>
    private static EntryReference? ReadByCall(IOperation operation, INamedTypeSymbol dictionary)
    {
        if (operation is not IInvocationOperation { TargetMethod.Name: "GetValueOrDefault" } call)
        {
            return null;
        }

        var (receiver, key) = call.Instance is { } instance
            ? (instance, call.Arguments.Length > 0 ? call.Arguments[0].Value : null)
            : (call.Arguments.Length > 0 ? call.Arguments[0].Value : null, call.Arguments.Length > 1 ? call.Arguments[1].Value : null);
        return receiver is not null && key is not null && IsDictionary(Strip(receiver), dictionary) ? new EntryReference(Strip(receiver), key) : null;
    }

    /// <remarks>
    /// A <c>TryGetValue</c> whose result decides an <c>if</c> is a check-then-act, reported as one at the <c>if</c>;
    /// here only a call whose result is dropped (<c>d.TryGetValue(k, out var n); d[k] = n + 1;</c>) counts. A local
    /// given another value between the read and the write no longer holds what was read.
    /// </remarks>
    private static bool LocalReadsEntry(ILocalReferenceOperation reference, EntryReference entry, INamedTypeSymbol dictionary)
    {
        var root = OperationTree.Root(reference);
        var readAt = -1;
        var replacedAt = -1;
        foreach (var operation in root.Descendants())
        {
            var at = operation.Syntax.SpanStart;
            if (at >= reference.Syntax.SpanStart)
            {
                continue;
            }

            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local) && ReadsEntry(initial, entry, dictionary, throughLocals: false):
                    readAt = Math.Max(readAt, at);
                    break;
                case IInvocationOperation { TargetMethod.Name: "TryGetValue", Arguments.Length: 2, Parent: IExpressionStatementOperation } tryGet
                    when IsDictionary(tryGet.Instance, dictionary) && SameEntry(new EntryReference(tryGet.Instance!, tryGet.Arguments[0].Value), entry)
                         && OperationTree.OutLocal(tryGet.Arguments[1].Value) is { } written && SymbolEqualityComparer.Default.Equals(written, reference.Local):
                    readAt = Math.Max(readAt, at);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }
                    when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    replacedAt = Math.Max(replacedAt, at);
                    break;
            }
        }

        return readAt >= 0 && replacedAt < readAt;
    }

    /// <summary>
    /// Whether <paramref name="stored"/> uses the value <c>TryGetValue</c> found (its <c>out</c> local) with no new value
    /// given to that local in the act's region before the store: <c>if (d.TryGetValue(k, out var old)) d[k] = old + "!";</c>
    /// rebuilds the entry from what it read.
    /// </summary>
    private static bool ReadsFoundValue(IOperation stored, IOperation? condition, IOperation region, IOperation store)
    {
        ILocalSymbol? found = null;
        foreach (var operation in condition?.DescendantsAndSelf() ?? [])
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "TryGetValue", Arguments.Length: 2 } call)
            {
                found = Strip(call.Arguments[1].Value) switch
                {
                    IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                    ILocalReferenceOperation local => local.Local,
                    _ => null,
                };
            }
        }

        if (found is null || !stored.DescendantsAndSelf().Any(operation => operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, found)))
        {
            return false;
        }

        return !region.DescendantsAndSelf().Any(operation => operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                                                            && SymbolEqualityComparer.Default.Equals(target.Local, found)
                                                            && assignment.Syntax.SpanStart < store.Syntax.SpanStart);
    }

    /// <summary>
    /// An object every thread that stores it stores the very same one of: <c>Array.Empty&lt;T&gt;()</c>, or a
    /// <c>static readonly</c> field of a reference type (MessagePipe's filter cache: <c>cache[handlerType] =
    /// Array.Empty&lt;AttributeFilterDefinition&gt;()</c> after a miss, for a type with no filter attributes). A number
    /// is not one: <c>if (!d.ContainsKey(k)) d[k] = 1;</c> overwrites another caller's <c>d[k]++</c> made in between.
    /// </summary>
    private static bool IsOneSharedObject(IOperation stored)
        => Strip(stored) switch
        {
            IInvocationOperation { Arguments.Length: 0, TargetMethod: { Name: "Empty", IsStatic: true, ContainingType: { Name: "Array", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } => true,
            IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, Type.IsReferenceType: true } } => true,
            _ => false,
        };

    /// <summary>A reference type whose instances never change (a string, a record class, an immutable collection; see <see cref="StoreFacts.IsImmutable"/>).</summary>
    private static bool IsImmutableReference(ITypeSymbol? type) => type is { IsReferenceType: true } && StoreFacts.IsImmutable(type);

    private static bool IsDictionary(IOperation? instance, INamedTypeSymbol dictionary)
        => instance?.Type is INamedTypeSymbol type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, dictionary);

    /// <summary>The same dictionary (by symbol) and the same key (by syntax), so <c>d[k]</c> and <c>d[k]</c> match but <c>d[a]</c> and <c>d[b]</c> do not.</summary>
    private static bool SameEntry(EntryReference a, EntryReference b)
    {
        var left = SymbolOf(a.Dictionary);
        return left is not null && SymbolEqualityComparer.Default.Equals(left, SymbolOf(b.Dictionary))
            && Strip(a.Key).Syntax.IsEquivalentTo(Strip(b.Key).Syntax, topLevel: false);
    }

    private static ISymbol? SymbolOf(IOperation operation) => Strip(operation) switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static string? SymbolName(IOperation operation) => SymbolOf(operation)?.Name;

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    private readonly struct EntryReference
    {
        public EntryReference(IOperation dictionary, IOperation key)
        {
            Dictionary = dictionary;
            Key = key;
        }

        public IOperation Dictionary { get; }
        public IOperation Key { get; }
    }
}

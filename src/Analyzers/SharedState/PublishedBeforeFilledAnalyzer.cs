using System.Collections.Immutable;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1007: a double-checked lock that publishes the new object in its field before filling it; a ready flag set with
/// a release write before the data it announces is stored (<see cref="FlagSetBeforeData"/>); or a new collection stored
/// in a static or volatile field and filled after the store (<see cref="PublishedThenFilled"/>), or as a concurrent
/// dictionary's entry (<see cref="EntryPublishedThenFilled"/>).
/// </summary>
/// <remarks>
/// <code>
/// if (s_current == null)
///     lock (s_gate)
///         if (s_current == null) { s_current = new Flags(); s_current.Load(path); }
/// return s_current;
/// </code>
/// The lock makes creation happen once, but the outer check reads the field without it: a second thread that arrives
/// after the assignment and before <c>Load</c> returns sees a non-null field and uses a half-built object (here an
/// empty or half-filled dictionary, which it may even read while <c>Load</c> writes it). The object must be complete
/// before the field points to it: build it in a local, fill it, then assign the field.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublishedBeforeFilledAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property that names the field, for the code fix.</summary>
    public const string FieldNameProperty = "FieldName";

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.PublishedBeforeFilled,
        title: "Fill a lazily created object before publishing it",
        messageFormat: "'{0}' is published before it is filled: {1} at line {2} can already see it",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A double-checked lock that assigns a new object to its field and then changes it lets a thread that passes the unlocked check use the object before it is complete: build and fill the object in a local, then assign the field. Likewise a ready flag set with Volatile.Write (or a volatile store) before the fields it announces are stored lets a reader that sees the flag read them too early: set the flag last. And a new collection stored in a static or volatile field, or a new object stored as a concurrent dictionary's entry, that other members read without a lock must be filled before the store, not after it.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.PublishedBeforeFilled));

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
                return; // no code is emitted, so nothing is published (see ReferenceOnlyCompile)
            }

            // The shape is decided from syntax, and only a candidate's few names are bound, never a whole body.
            start.RegisterSemanticModelAction(AnalyzeFile);
        });
    }

    /// <summary>
    /// The file's <c>lock</c> statements come from the lock rules' per-file index (<see cref="LockSyntax"/>), found once
    /// per file for all of them, instead of a walk of every node: a double-checked lock is rare, and on NLog a
    /// whole-tree walk of the files that lock cost this rule alone 0.15–0.19 s.
    /// </summary>
    private static void AnalyzeFile(SemanticModelAnalysisContext file)
    {
        FlagSetBeforeData.Find(file, Rule);
        PublishedThenFilled.Find(file, Rule);
        EntryPublishedThenFilled.Find(file, Rule);
        ThisPublishedByConstructor.Find(file, Rule);
        foreach (var node in LockSyntax.Of(file.SemanticModel.SyntaxTree, file.CancellationToken).Nodes)
        {
            if (file.FilterSpan is { } span && !span.IntersectsWith(node.Span))
            {
                continue;
            }

            file.CancellationToken.ThrowIfCancellationRequested();
            if (node is LockStatementSyntax lockStatement)
            {
                AnalyzeRegion(new FileNode(node, file), lockStatement, RegionStatements(lockStatement.Statement), acquire: null);
            }
            else if (node is InvocationExpressionSyntax call && AcquiredRegion(call) is var (region, statements))
            {
                AnalyzeRegion(new FileNode(node, file), region, statements, call);
            }
        }
    }

    /// <summary>
    /// The region an acquire by call holds its lock for, when a <c>finally</c> releases it: the <c>try</c> block right
    /// after <c>Monitor.Enter(gate);</c> (or <c>Wait()</c>, <c>EnterWriteLock()</c>…), or the rest of a <c>try</c>
    /// block whose first statement is the acquire (<c>Monitor.Enter(gate, ref taken)</c>). Decided from syntax; the
    /// call is bound only once a double-checked publication is found in the region.
    /// </summary>
    private static (StatementSyntax Region, IEnumerable<StatementSyntax> Statements)? AcquiredRegion(InvocationExpressionSyntax call)
    {
        if (AcquireStatement(call) is not { Parent: BlockSyntax block } statement)
        {
            return null;
        }

        var index = block.Statements.IndexOf(statement);
        if (index + 1 < block.Statements.Count && block.Statements[index + 1] is TryStatementSyntax { Finally: not null } after)
        {
            return (after, after.Block.Statements);
        }

        if (index == 0 && block.Parent is TryStatementSyntax { Finally: not null } around && around.Block == block)
        {
            return (around, block.Statements.Skip(1));
        }

        return null;
    }

    /// <summary>
    /// The statement that is the acquire by call: <c>Monitor.Enter(gate);</c>, or an awaited one
    /// (<c>await _connectLock.WaitAsync(ct);</c>, with or without <c>ConfigureAwait(…)</c>); null for a call in any other place.
    /// </summary>
    private static ExpressionStatementSyntax? AcquireStatement(InvocationExpressionSyntax call)
    {
        SyntaxNode node = call;
        if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access && access.Expression == node)
        {
            node = configured;
        }

        if (node.Parent is AwaitExpressionSyntax awaited)
        {
            node = awaited;
        }

        return node.Parent as ExpressionStatementSyntax;
    }

    /// <summary>
    /// The region's double-checked publications, each with the inner check's name: <c>if (F == null) { F = new T(); F.Load(); }</c>,
    /// or an early return <c>if (F != null) return F;</c> followed in the region by <c>F = new T();</c> and its fill (set bn R08:
    /// a connection stored under the connect semaphore, then opened and authenticated).
    /// </summary>
    private static IEnumerable<(string Name, IfStatementSyntax Check, Publication Publication)> Publications(IEnumerable<StatementSyntax> statements)
    {
        var list = statements as IReadOnlyList<StatementSyntax> ?? statements.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not IfStatementSyntax check)
            {
                continue;
            }

            if (NullCheckedName(check.Condition, checksNull: true) is { } checkedName
                && check.Statement is BlockSyntax block
                && Publication(block.Statements, checkedName) is { } publication)
            {
                yield return (checkedName, check, publication);
            }
            else if (check.Else is null
                     && IsReturn(check.Statement)
                     && NullCheckedName(check.Condition, checksNull: false) is { } returnedName
                     && Publication(list.Skip(i + 1).ToList(), returnedName) is { } after)
            {
                yield return (returnedName, check, after);
            }
        }
    }

    private static void AnalyzeRegion(FileNode context, StatementSyntax region, IEnumerable<StatementSyntax> statements, InvocationExpressionSyntax? acquire)
    {
        foreach (var (checkedName, inner, publication) in Publications(statements))
        {
            if ((OuterCheck(region, checkedName) ?? CallerCheck(region, checkedName)) is not { } outerCheck
                || (acquire is not null && !Acquires(context.SemanticModel, acquire, context.CancellationToken)))
            {
                continue;
            }

            var field = FieldOf(context.SemanticModel, publication.Assignment.Left, context.CancellationToken);
            if (field is null
                // A cancellation source is complete when created: a callback registered on its token afterwards is
                // nothing a caller of 'Token' needs (Foundatio's job runner registers its watcher's cleanup so).
                || ReplacedWhileRunning.IsCancellationSource(field.Type)
                || !SymbolEqualityComparer.Default.Equals(FieldOf(context.SemanticModel, inner.Condition, checkedName, context.CancellationToken), field)
                || !SymbolEqualityComparer.Default.Equals(FieldOf(context.SemanticModel, outerCheck, checkedName, context.CancellationToken), field)
                || !SymbolEqualityComparer.Default.Equals(FieldOf(context.SemanticModel, publication.FillReceiver, context.CancellationToken), field)
                || (publication.FillReceiver.Parent is ArgumentSyntax argument && !FillsArgument(context.SemanticModel, argument, context.CancellationToken)))
            {
                continue;
            }

            var checkLine = outerCheck.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                publication.Assignment.GetLocation(),
                [publication.Fill.GetLocation(), outerCheck.GetLocation()],
                ImmutableDictionary<string, string?>.Empty.Add(FieldNameProperty, field.Name),
                field.Name,
                publication.FillDescription + " after the unlocked check",
                checkLine));
        }
    }

    /// <summary>
    /// Whether the method <paramref name="argument"/> is passed to, declared in this compilation, changes the object
    /// through its parameter: calls a collection mutator on it (<c>target.Add(plugin)</c>) or assigns one of its
    /// members or elements.
    /// </summary>
    private static bool FillsArgument(SemanticModel semanticModel, ArgumentSyntax argument, CancellationToken cancellationToken)
    {
        if (argument.Parent?.Parent is not InvocationExpressionSyntax call
            || semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
            || invocation.Arguments.FirstOrDefault(a => a.Syntax == argument)?.Parameter is not { } parameter)
        {
            return false;
        }

        foreach (var reference in invocation.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                var receiver = node switch
                {
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } when ConcurrencyTypes.IsMutatorName(access.Name.Identifier.ValueText) => access.Expression,
                    AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax or ElementAccessExpressionSyntax } assignment => MemberReceiver(assignment.Left),
                    _ => null,
                };
                if (receiver is IdentifierNameSyntax { Identifier.ValueText: var target } && target == parameter.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="call"/> takes a lock and returns holding it (not a try-acquire, not a release).</summary>
    private static bool Acquires(SemanticModel semanticModel, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        => semanticModel.GetOperation(call, cancellationToken) is IInvocationOperation invocation
           && LockApis.For(semanticModel.Compilation) is var apis
           && apis.Classify(invocation) is { Shape: AcquireShape.Unconditional or AcquireShape.EnterWithFlag } lockCall
           && !apis.IsSignal(lockCall);

    /// <summary>The statements directly in the locked region (its block's, or the one statement).</summary>
    private static IEnumerable<StatementSyntax> RegionStatements(StatementSyntax locked)
        => locked switch
        {
            BlockSyntax block => block.Statements,
            _ => new[] { locked },
        };

    /// <summary>
    /// In the inner check's block: <c>F = new T(…);</c> followed by a statement that calls a method on <c>F</c> or
    /// assigns one of its members (<c>F.Load()</c>, <c>F.Name = …</c>, <c>F.Items.Add(…)</c>, <c>F[k] = …</c>).
    /// </summary>
    private static Publication? Publication(IReadOnlyList<StatementSyntax> statements, string name)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not ExpressionStatementSyntax
                {
                    Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: BaseObjectCreationExpressionSyntax } assignment,
                }
                || NameOf(assignment.Left) != name)
            {
                continue;
            }

            for (var j = i + 1; j < statements.Count; j++)
            {
                if (Fill(statements[j], name) is { } fill)
                {
                    return new Publication(assignment, fill.Node, fill.Receiver, fill.Description);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The first call on <c>F</c>, or write to a member of <c>F</c>, in a statement (not inside a lambda), with what the
    /// message says about it.
    /// </summary>
    private static (SyntaxNode Node, ExpressionSyntax Receiver, string Description)? Fill(StatementSyntax statement, string name)
    {
        foreach (var node in statement.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation when ReceiverChain(access.Expression, name) is { } receiver:
                    return (invocation, receiver, $"'{access.Name.Identifier.ValueText}' runs on it");
                case AssignmentExpressionSyntax assignment when assignment.Left is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
                                                               && ReceiverChain(MemberReceiver(assignment.Left), name) is { } receiver:
                    return (assignment, receiver, $"'{assignment.Left}' is assigned");

                // 'LoadPlugins(_plugins)': a method that fills what it is given (checked once bound, FillsArgument).
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call
                    when call.ArgumentList.Arguments.FirstOrDefault(a => a.RefKindKeyword.IsKind(SyntaxKind.None) && NameOf(a.Expression) == name
                                                                         && a.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }) is { } passed:
                    return (call, passed.Expression, $"'{NameOf(call.Expression)}' fills it");
            }
        }

        return null;
    }

    private static ExpressionSyntax MemberReceiver(ExpressionSyntax target) => target switch
    {
        MemberAccessExpressionSyntax access => access.Expression,
        ElementAccessExpressionSyntax element => element.Expression,
        _ => target,
    };

    /// <summary>
    /// <c>F</c> itself, or <c>F</c> at the root of a member chain (<c>F.Items</c> in <c>F.Items.Add(x)</c>): the expression
    /// naming the field, or null.
    /// </summary>
    private static ExpressionSyntax? ReceiverChain(ExpressionSyntax expression, string name)
    {
        while (true)
        {
            if (NameOf(expression) == name && expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax })
            {
                return expression;
            }

            if (expression is MemberAccessExpressionSyntax { Expression: var inner })
            {
                expression = inner;
                continue;
            }

            return null;
        }
    }

    /// <summary>
    /// The unlocked check of the same name: an <c>if (F == null)</c> around the locked region (the <c>lock</c>, or the
    /// <c>try</c> of an acquire by call), or an <c>if (F != null) return …;</c> before it.
    /// </summary>
    private static ExpressionSyntax? OuterCheck(StatementSyntax region, string name)
    {
        for (SyntaxNode? node = region; node is StatementSyntax statement; node = node.Parent)
        {
            if (node.Parent is IfStatementSyntax around && around.Statement == node && CheckedRead(NullCheckedName(around.Condition, checksNull: true), name, around) is { } aroundRead)
            {
                return aroundRead;
            }

            if (node.Parent is BlockSyntax block)
            {
                var index = block.Statements.IndexOf(statement);
                for (var i = index - 1; i >= 0; i--)
                {
                    if (block.Statements[i] is IfStatementSyntax { Statement: var exit } earlyReturn
                        && IsReturn(exit)
                        && CheckedRead(NullCheckedName(earlyReturn.Condition, checksNull: false), name, earlyReturn) is { } earlyRead)
                    {
                        return earlyRead;
                    }
                }
            }

            if (node.Parent is not (BlockSyntax or IfStatementSyntax))
            {
                return null; // a lambda, loop or member boundary: stop at the statement that holds the lock
            }
        }

        return null;
    }

    /// <summary>
    /// The unlocked check in a caller, when the region is in a method of its own that another member of the type calls
    /// after checking the field without the lock: <c>var connection = _connection ?? await ConnectAsync(ct);</c>, or
    /// <c>if (_connection != null) return _connection;</c> before the call (set bn R08). Null when no member does.
    /// </summary>
    private static ExpressionSyntax? CallerCheck(StatementSyntax region, string name)
    {
        if (region.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not MethodDeclarationSyntax { Parent: TypeDeclarationSyntax type } method)
        {
            return null;
        }

        foreach (var token in SourceWords.IdentifiersNamed(type, method.Identifier.ValueText))
        {
            if (token.Parent is not IdentifierNameSyntax called
                || (called.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == called ? access.Parent : called.Parent) is not InvocationExpressionSyntax call
                || call.FirstAncestorOrSelf<MemberDeclarationSyntax>() == method)
            {
                continue;
            }

            // 'F ?? await M(…)': the call is the right side of a coalesce of the field.
            foreach (var ancestor in call.Ancestors())
            {
                if (ancestor is StatementSyntax or MemberDeclarationSyntax)
                {
                    break;
                }

                if (ancestor is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Left: var left, Right: var right }
                    && right.Span.Contains(call.Span)
                    && NameOf(left) == name && left is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
                    && !EntryPublishedThenFilled.InHeldRegion(left))
                {
                    return left;
                }
            }

            // 'if (F != null) return F;' earlier in the block of the statement that calls M.
            if (call.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax block } statement)
            {
                foreach (var earlier in block.Statements.TakeWhile(s => s != statement))
                {
                    if (earlier is IfStatementSyntax { Else: null, Statement: var exit } early
                        && IsReturn(exit)
                        && CheckedRead(NullCheckedName(early.Condition, checksNull: false), name, early) is { } read
                        && !EntryPublishedThenFilled.InHeldRegion(early))
                    {
                        return read;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The unlocked read of the field <paramref name="name"/> that an <c>if</c> checks: its condition, when it names the
    /// field; or the initializer of a local copy declared just before it in the same block (<c>var donors = _donors;
    /// if (donors is not null) return donors;</c>). Null when the check is of something else.
    /// </summary>
    private static ExpressionSyntax? CheckedRead(string? checkedName, string name, IfStatementSyntax check)
    {
        if (checkedName is null)
        {
            return null;
        }

        if (checkedName == name)
        {
            return check.Condition;
        }

        return check.Parent is BlockSyntax block
               && block.Statements.TakeWhile(statement => statement != check).LastOrDefault() is LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
               && variables[0].Identifier.ValueText == checkedName
               && variables[0].Initializer?.Value is { } value && NameOf(value) == name
            ? value
            : null;
    }

    private static bool IsReturn(StatementSyntax statement)
        => statement is ReturnStatementSyntax || statement is BlockSyntax { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax;

    /// <summary>
    /// The name in <c>F == null</c>, <c>null == F</c>, <c>F is null</c> (with <paramref name="checksNull"/>), or in
    /// <c>F != null</c>, <c>F is not null</c> (without).
    /// </summary>
    private static string? NullCheckedName(ExpressionSyntax condition, bool checksNull)
    {
        condition = Unparenthesize(condition);
        switch (condition)
        {
            case BinaryExpressionSyntax binary when binary.IsKind(checksNull ? SyntaxKind.EqualsExpression : SyntaxKind.NotEqualsExpression):
                return IsNull(binary.Right) ? NameOf(binary.Left) : IsNull(binary.Left) ? NameOf(binary.Right) : null;
            case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } pattern when checksNull && IsNull(constant):
                return NameOf(pattern.Expression);
            case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } } pattern when !checksNull && IsNull(negated):
                return NameOf(pattern.Expression);
            default:
                return null;
        }
    }

    private static bool IsNull(ExpressionSyntax expression) => Unparenthesize(expression).IsKind(SyntaxKind.NullLiteralExpression);

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>The simple name an expression ends in: <c>F</c>, <c>this.F</c>, <c>Type.F</c>.</summary>
    internal static string? NameOf(ExpressionSyntax expression) => Unparenthesize(expression) switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The field that the part of <paramref name="condition"/> named <paramref name="name"/> binds to.</summary>
    private static IFieldSymbol? FieldOf(SemanticModel semanticModel, ExpressionSyntax condition, string name, CancellationToken cancellationToken)
    {
        condition = Unparenthesize(condition);
        var named = condition switch
        {
            BinaryExpressionSyntax binary => NameOf(binary.Left) == name ? binary.Left : binary.Right,
            IsPatternExpressionSyntax pattern => pattern.Expression,
            _ => condition,
        };
        return FieldOf(semanticModel, named, cancellationToken);
    }

    private static IFieldSymbol? FieldOf(SemanticModel semanticModel, ExpressionSyntax expression, CancellationToken cancellationToken)
        => semanticModel.GetSymbolInfo(Unparenthesize(expression), cancellationToken).Symbol is IFieldSymbol field ? field.OriginalDefinition : null;
}

/// <summary>A publishing assignment and the first fill of the published object after it.</summary>
internal sealed class Publication
{
    public Publication(AssignmentExpressionSyntax assignment, SyntaxNode fill, ExpressionSyntax fillReceiver, string fillDescription)
    {
        Assignment = assignment;
        Fill = fill;
        FillReceiver = fillReceiver;
        FillDescription = fillDescription;
    }

    public AssignmentExpressionSyntax Assignment { get; }
    public SyntaxNode Fill { get; }
    public ExpressionSyntax FillReceiver { get; }
    public string FillDescription { get; }
}

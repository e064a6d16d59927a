using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A pooled object returned to its pool while work the method started still uses it (FL1001):
/// <code>
/// byte[] frame = _pool.Rent();
/// _ = Task.Run(() => _archive.Append(frame, length));   // still reading 'frame'…
/// _pool.Return(frame);                                   // …when the next Rent hands it to a caller that overwrites it
/// </code>
/// </summary>
/// <remarks>
/// <para>Returning an object to a pool gives it away: the pool's next <c>Rent</c> hands it to another caller, who
/// writes into it. Work started on the thread pool that captured it is not done at the return unless the method
/// waited for it. The same mistake is common with <c>ArrayPool&lt;T&gt;.Shared</c> and a fire-and-forget task.</para>
/// <para>Reported at the return, when all of these hold: a call of a method named <c>Return</c> on an
/// <c>ArrayPool&lt;T&gt;</c>, an <c>ObjectPool&lt;T&gt;</c> or a type whose name ends in <c>Pool</c>, with a local or
/// parameter as its first argument; earlier in the same function, a lambda given to <c>Task.Run</c>,
/// <c>TaskFactory.StartNew</c> or <c>ThreadPool.QueueUserWorkItem</c> uses that variable, or a call that returns a
/// <c>Task</c> or <c>ValueTask</c> is given the variable or a memory or segment over it
/// (<c>_ = _archive.StoreAsync(buffer.AsMemory(0, length));</c>, set an R15: the call goes on after its first await,
/// reading the buffer); and nothing between the
/// start and the return waits for the started task (an <c>await</c> or a wait of the variable, field or collection it
/// is kept in, or handing it to another method; a <c>Task.WhenAny</c> with a timeout is not one, and a task kept in a
/// field or added to a collection that another member awaits later is still running at the return), or, when the
/// return is in a <c>finally</c>, a <c>return</c> or <c>throw</c> leaves the try before that wait (set ah R14). Found
/// from syntax first: only a candidate's calls and names are bound. No fix is offered: the return belongs at the end
/// of the work, or after waiting for it.</para>
/// </remarks>
internal static class ReturnedWhileInUse
{
    private static readonly string[] ReturnWord = ["Return"];

    private static readonly string[] StartNames = ["Run", "StartNew", "QueueUserWorkItem", "UnsafeQueueUserWorkItem"];

    /// <summary>
    /// Whether <paramref name="text"/> can return an object to a pool (the work that still uses it may be any call that
    /// returns a task, which has no word of its own).
    /// </summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, ReturnWord);

    /// <summary>Adds a finding for every return of a pooled object that started work still uses in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        List<InvocationExpressionSyntax>? starts = null;
        foreach (var call in SourceWords.InvocationsNamed(root, ReturnWord))
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Return" } access
                || call.ArgumentList.Arguments.Count == 0
                || call.ArgumentList.Arguments[0].Expression is not IdentifierNameSyntax returned)
            {
                continue;
            }

            var name = returned.Identifier.ValueText;
            var start = StartBefore(call, name, starts ??= SourceWords.InvocationsNamed(root, StartNames).ToList());
            var handedOver = start is null ? HandedOverBefore(call, name) : null;
            if (start is null && handedOver is not { Count: > 0 } && QueuedBefore(call, name).Count == 0)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { } pool } || !IsPool(pool)
                || semanticModel.GetSymbolInfo(returned, cancellationToken).Symbol is not { Kind: SymbolKind.Local or SymbolKind.Parameter } variable
                || semanticModel.GetEnclosingSymbol(call.SpanStart, cancellationToken) is not { } returner)
            {
                continue;
            }

            string still;
            if (start is { } started && semanticModel.GetSymbolInfo(started.Call, cancellationToken).Symbol is IMethodSymbol startMethod && IsWorkStart(startMethod)
                && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(started.Use, cancellationToken).Symbol, variable))
            {
                still = $"the work started at line {LineOf(started.Call)} still uses it, so the pool's next taker can overwrite it under that work";
            }
            else if (TaskCallGiven(handedOver ?? HandedOverBefore(call, name), variable, semanticModel, cancellationToken) is { } handed)
            {
                start = (handed.Call, handed.Use);
                still = $"'{handed.Method.Name}', given it at line {LineOf(handed.Call)} and not waited for, can still be using it after its first await, so the pool's next taker can overwrite it under that call";
            }
            else if (QueueGiven(QueuedBefore(call, name), variable, semanticModel, cancellationToken) is { } queued)
            {
                start = (queued.Call, queued.Use);
                still = $"'{queued.Method.Name}' at line {LineOf(queued.Call)} hands it to the reader of '{queued.Method.ContainingType.Name}', which can still be using it, so the pool's next taker can overwrite it under that reader";
            }
            else
            {
                continue;
            }

            findings.Add(DiagnosticIds.SharedStateMutation, call.GetLocation(), start.Value.Call.GetLocation(), variable, lockName: null,
                [variable.Name, returner is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : returner.Name,
                 $"it is returned to '{access.Expression}' here while {still}; return it at the end of the work, or after waiting for it"],
                handedOver: true);
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>The last of <paramref name="candidates"/> that calls a method returning a task and is given <paramref name="variable"/>.</summary>
    private static (InvocationExpressionSyntax Call, IdentifierNameSyntax Use, IMethodSymbol Method)? TaskCallGiven(
        List<(InvocationExpressionSyntax Call, IdentifierNameSyntax Use)> candidates, ISymbol variable, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            var (candidate, use) = candidates[i];
            if (semanticModel.GetSymbolInfo(candidate, cancellationToken).Symbol is IMethodSymbol method && ReturnsTask(method) && !IsWorkStart(method)
                && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(use, cancellationToken).Symbol, variable)
                && HoldsViews(use, candidate, semanticModel, cancellationToken))
            {
                return (candidate, use, method);
            }
        }

        return null;
    }

    /// <summary>
    /// The calls before <paramref name="call"/> in the same function (outside its lambdas), in order, that are given the
    /// pooled variable <paramref name="name"/>, or a memory or segment over it, and whose result is not waited for before
    /// the return (see <see cref="RunsAt"/>): a call that returns a task goes on after its first await, after this
    /// method has moved on. Bound later (<see cref="TaskCallGiven"/>): here any call counts.
    /// </summary>
    private static List<(InvocationExpressionSyntax Call, IdentifierNameSyntax Use)> HandedOverBefore(InvocationExpressionSyntax call, string name)
    {
        var function = MethodSyntaxFacts.FunctionOf(call) ?? call;
        var found = new List<(InvocationExpressionSyntax Call, IdentifierNameSyntax Use)>();
        foreach (var token in SourceWords.IdentifiersNamed(function, name))
        {
            if (token.SpanStart >= call.SpanStart || token.Parent is not IdentifierNameSyntax use || MethodSyntaxFacts.FunctionOf(use) != function
                || ArgumentHolding(use) is not { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax candidate } }
                || candidate.Span.End > call.SpanStart || !RunsAt(call, candidate, function) || ReturnedOnlyIfKept(call, candidate, function))
            {
                continue;
            }

            found.Add((candidate, use));
        }

        return found;
    }

    /// <summary>
    /// The calls before <paramref name="call"/> in the same function (outside its lambdas) that add the pooled variable
    /// <paramref name="name"/>, or a memory or segment over it, to a queue by name (<c>_jobs.Writer.WriteAsync(buffer.AsMemory(0,
    /// n))</c>, <c>TryWrite</c>, <c>Add</c>, <c>TryAdd</c>, <c>Enqueue</c>), awaited or not: waiting for the write waits
    /// for the queue to take it, not for its reader to be done with it (set av R11). Bound later (<see cref="QueueGiven"/>).
    /// </summary>
    private static List<(InvocationExpressionSyntax Call, IdentifierNameSyntax Use)> QueuedBefore(InvocationExpressionSyntax call, string name)
    {
        var function = MethodSyntaxFacts.FunctionOf(call) ?? call;
        var found = new List<(InvocationExpressionSyntax Call, IdentifierNameSyntax Use)>();
        foreach (var token in SourceWords.IdentifiersNamed(function, name))
        {
            if (token.SpanStart < call.SpanStart && token.Parent is IdentifierNameSyntax use && MethodSyntaxFacts.FunctionOf(use) == function
                && ArgumentHolding(use) is { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WriteAsync" or "TryWrite" or "Add" or "TryAdd" or "Enqueue" } } candidate } }
                && candidate.Span.End <= call.SpanStart && !ReturnedOnlyIfKept(call, candidate, function))
            {
                found.Add((candidate, use));
            }
        }

        return found;
    }

    /// <summary>
    /// Whether <paramref name="returnCall"/> runs only while a flag says the object was not handed over, and the flag is
    /// set after <paramref name="handOver"/>: <c>await _jobs.Writer.WriteAsync(new PrintJob(buffer, n)); handedOff = true;</c>
    /// then, in the <c>finally</c>, <c>if (!handedOff) pool.Return(buffer);</c> (the reader returns it once done).
    /// </summary>
    private static bool ReturnedOnlyIfKept(InvocationExpressionSyntax returnCall, InvocationExpressionSyntax handOver, SyntaxNode function)
    {
        for (var node = returnCall.Parent; node is not null && node != function; node = node.Parent)
        {
            if (node is not IfStatementSyntax check || !check.Statement.Span.Contains(returnCall.Span))
            {
                continue;
            }

            var flag = check.Condition switch
            {
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: IdentifierNameSyntax name } => name.Identifier.ValueText,
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression, Left: IdentifierNameSyntax name, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } } => name.Identifier.ValueText,
                IsPatternExpressionSyntax { Expression: IdentifierNameSyntax name, Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } } } => name.Identifier.ValueText,
                _ => null,
            };
            return flag is not null
                   && function.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(set =>
                       set.Left is IdentifierNameSyntax target && target.Identifier.ValueText == flag
                       && set.Right is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression }
                       && set.SpanStart > handOver.Span.End && set.SpanStart < returnCall.SpanStart);
        }

        return false;
    }

    /// <summary>The last of <paramref name="candidates"/> that adds <paramref name="variable"/> to a channel or a concurrent collection another thread takes from.</summary>
    private static (InvocationExpressionSyntax Call, IdentifierNameSyntax Use, IMethodSymbol Method)? QueueGiven(
        List<(InvocationExpressionSyntax Call, IdentifierNameSyntax Use)> candidates, ISymbol variable, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            var (candidate, use) = candidates[i];
            if (semanticModel.GetSymbolInfo(candidate, cancellationToken).Symbol is IMethodSymbol { ContainingType: { } queue } method
                && queue.OriginalDefinition.ToDisplayString() is "System.Threading.Channels.ChannelWriter<T>" or "System.Collections.Concurrent.BlockingCollection<T>"
                    or "System.Collections.Concurrent.ConcurrentQueue<T>" or "System.Collections.Concurrent.ConcurrentBag<T>"
                && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(use, cancellationToken).Symbol, variable)
                && HoldsViews(use, candidate, semanticModel, cancellationToken))
            {
                return (candidate, use, method);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether every object created between <paramref name="use"/> and the argument of <paramref name="call"/> can hold
    /// the memory it is given: a <c>Memory</c>, <c>ReadOnlyMemory</c> or <c>ArraySegment</c> itself, or a type with a
    /// field or property of such a type or of an array type (a frame record carrying its payload), not one that copies
    /// the bytes out (a <c>string</c>, a type with no such member).
    /// </summary>
    private static bool HoldsViews(IdentifierNameSyntax use, InvocationExpressionSyntax call, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        for (var node = use.Parent; node is not null && node != call; node = node.Parent)
        {
            if (node is ObjectCreationExpressionSyntax creation
                && (semanticModel.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol created || !CanHoldView(created)))
            {
                return false;
            }
        }

        return true;

        static bool CanHoldView(INamedTypeSymbol type)
        {
            if (IsView(type))
            {
                return true;
            }

            foreach (var member in type.GetMembers())
            {
                var held = member switch
                {
                    IFieldSymbol { IsStatic: false } field => field.Type,
                    IPropertySymbol { IsStatic: false } property => property.Type,
                    _ => null,
                };
                if (held is IArrayTypeSymbol || held is INamedTypeSymbol named && IsView(named))
                {
                    return true;
                }
            }

            return false;
        }

        static bool IsView(INamedTypeSymbol type)
            => type.Name is "Memory" or "ReadOnlyMemory" or "ArraySegment" && type.ContainingNamespace?.ToDisplayString() == "System";
    }

    /// <summary>
    /// The argument whose value is <paramref name="use"/> itself or a view of the same memory: <c>buffer</c>,
    /// <c>buffer.AsMemory(0, n)</c>, <c>buffer.AsMemory().Slice(…)</c>, <c>new ArraySegment&lt;byte&gt;(buffer, 0, n)</c>,
    /// <c>new ReadOnlyMemory&lt;byte&gt;(buffer)</c>. A value read from it (<c>buffer[0]</c>, <c>buffer.Length</c>) is a copy.
    /// </summary>
    private static ArgumentSyntax? ArgumentHolding(IdentifierNameSyntax use)
    {
        SyntaxNode current = use;
        while (true)
        {
            switch (current.Parent)
            {
                case ArgumentSyntax argument when argument.Expression == current:
                    if (argument.Parent?.Parent is ObjectCreationExpressionSyntax { Type: var type } creation
                        && (type switch { SimpleNameSyntax simple => simple.Identifier.ValueText, QualifiedNameSyntax { Right: var right } => right.Identifier.ValueText, _ => null })
                            is not ("string" or "String" or null))
                    {
                        // 'new ArraySegment<byte>(buffer, 0, n)', or an object made to carry it: 'new SensorFrame(id,
                        // buffer.AsMemory(0, n))' (set bg R03; the bound check, HoldsViews, asks that it can hold one).
                        current = creation;
                        continue;
                    }

                    return argument;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsMemory" or "Slice" } view when view.Expression == current && view.Parent is InvocationExpressionSyntax sliced:
                    current = sliced;
                    continue;
                case ParenthesizedExpressionSyntax or CastExpressionSyntax:
                    current = current.Parent;
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>Whether <paramref name="method"/> returns a <c>Task</c> or <c>ValueTask</c>, generic or not.</summary>
    private static bool ReturnsTask(IMethodSymbol method)
        => method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask" } returned && returned.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>
    /// The last of the file's <paramref name="starts"/> before <paramref name="call"/> in the same function that starts
    /// a lambda using <paramref name="name"/>, when nothing in between waits for the started task.
    /// </summary>
    private static (InvocationExpressionSyntax Call, IdentifierNameSyntax Use)? StartBefore(InvocationExpressionSyntax call, string name, List<InvocationExpressionSyntax> starts)
    {
        var function = MethodSyntaxFacts.FunctionOf(call) ?? call;
        (InvocationExpressionSyntax Call, IdentifierNameSyntax Use)? found = null;
        foreach (var start in starts)
        {
            if (!function.Span.Contains(start.Span) || start.Span.End > call.SpanStart || MethodSyntaxFacts.FunctionOf(start) != function || UseIn(start, name) is not { } use)
            {
                continue;
            }

            found = (start, use);
        }

        return found is { } last && RunsAt(call, last.Call, function) ? found : null;
    }

    /// <summary>
    /// Whether the task of <paramref name="start"/> can still be running at <paramref name="returnCall"/>, later in
    /// <paramref name="function"/>: it is discarded, or kept where nothing waits for it before the return.
    /// </summary>
    private static bool RunsAt(InvocationExpressionSyntax returnCall, InvocationExpressionSyntax start, SyntaxNode function)
    {
        if (TaskOf(start) is not { } task)
        {
            return true;
        }

        if (task.Length == 0)
        {
            return false; // handed to other code (awaited, returned, passed on): waited for wherever that is
        }

        // The task kept in a variable, a field or a collection: the first mention that waits for it, or hands it on,
        // before the return.
        // Mentions that only look at it (a Task.WhenAny among others, a comparison with the winner, IsCompleted)
        // leave it running.
        SyntaxToken? wait = null;
        foreach (var token in SourceWords.IdentifiersNamed(function, task))
        {
            if (token.SpanStart > start.Span.End && token.SpanStart < returnCall.SpanStart
                && token.Parent is IdentifierNameSyntax mention && !OnlyLooksAt(mention))
            {
                wait = token;
                break;
            }
        }

        // A return in a finally also runs when the try is left before the wait: a 'return' or 'throw' between.
        return wait is not { } waited || LeavesBefore(returnCall, start, waited.SpanStart);
    }

    /// <summary>
    /// Whether <paramref name="mention"/> of a started task neither waits for it nor hands it on: an argument of
    /// <c>Task.WhenAny</c>/<c>Task.WaitAny</c> (done when any other task is), one side of <c>==</c>/<c>!=</c>, or a
    /// look at its state (<c>IsCompleted</c>, <c>Status</c>, <c>IsFaulted</c>, <c>IsCanceled</c>, <c>Id</c>).
    /// </summary>
    private static bool OnlyLooksAt(IdentifierNameSyntax mention) => mention.Parent switch
    {
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsCompleted" or "IsCompletedSuccessfully" or "Status" or "IsFaulted" or "IsCanceled" or "Id" } access => access.Expression == mention,
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WhenAny" or "WaitAny" } } } } => true,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="returnCall"/> is in the <c>finally</c> of a try that holds <paramref name="start"/> and
    /// that a <c>return</c> or <c>throw</c> leaves between the start and <paramref name="waitPosition"/>.
    /// </summary>
    private static bool LeavesBefore(InvocationExpressionSyntax returnCall, InvocationExpressionSyntax start, int waitPosition)
    {
        if (returnCall.FirstAncestorOrSelf<FinallyClauseSyntax>() is not { Parent: TryStatementSyntax attempt }
            || !attempt.Block.Span.Contains(start.Span))
        {
            return false;
        }

        foreach (var node in attempt.Block.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax or ThrowStatementSyntax && node.SpanStart > start.Span.End && node.SpanStart < waitPosition)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A use of <paramref name="name"/> inside a lambda among <paramref name="start"/>'s arguments.</summary>
    private static IdentifierNameSyntax? UseIn(InvocationExpressionSyntax start, string name)
    {
        foreach (var argument in start.ArgumentList.Arguments)
        {
            if (argument.Expression is not AnonymousFunctionExpressionSyntax lambda)
            {
                continue;
            }

            foreach (var token in SourceWords.IdentifiersNamed(lambda, name))
            {
                if (token.Parent is IdentifierNameSyntax use)
                {
                    return use;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The name the started task is kept under: a variable or field (<c>var archiving = Task.Run(…)</c>,
    /// <c>this._archiving = …</c>), or the collection it is added to (<c>_hashing.Add(Task.Run(…))</c>, set am R16: the
    /// bag is awaited later in another member, after this method has returned the buffer). An empty name when it goes
    /// anywhere else (an argument of another method, a return); null when it is discarded.
    /// </summary>
    private static string? TaskOf(InvocationExpressionSyntax start) => start.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } => null,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } => target.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var field } } => field.Identifier.ValueText,
        ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "Enqueue" or "Push" or "TryAdd", Expression: var collection } } } }
            => collection switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
                _ => string.Empty,
            },
        ExpressionStatementSyntax => null,
        _ => string.Empty,
    };

    private static bool IsPool(INamedTypeSymbol type)
        => type.Name.EndsWith("Pool", StringComparison.Ordinal)
           || (type.Name == "ArrayPool" && type.ContainingNamespace?.ToDisplayString() == "System.Buffers")
           || (type.Name == "ObjectPool" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.ObjectPool");

    private static bool IsWorkStart(IMethodSymbol method) => method.ContainingType?.ToDisplayString() switch
    {
        "System.Threading.Tasks.Task" => method.Name == "Run",
        "System.Threading.Tasks.TaskFactory" => method.Name == "StartNew",
        "System.Threading.ThreadPool" => method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem",
        _ => method.ContainingType is { Name: "TaskFactory", IsGenericType: true } && method.Name == "StartNew",
    };
}

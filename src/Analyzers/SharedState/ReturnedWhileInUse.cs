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
/// <c>TaskFactory.StartNew</c> or <c>ThreadPool.QueueUserWorkItem</c> uses that variable; and nothing between the
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

    /// <summary>Whether <paramref name="text"/> can return an object to a pool and start work.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, ReturnWord) && SourceWords.Any(text, StartNames);

    /// <summary>Adds a finding for every return of a pooled object that started work still uses in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        List<InvocationExpressionSyntax>? starts = null;
        foreach (var call in SourceWords.InvocationsNamed(root, ReturnWord))
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Return" } access
                || call.ArgumentList.Arguments.Count == 0
                || call.ArgumentList.Arguments[0].Expression is not IdentifierNameSyntax returned
                || StartBefore(call, returned.Identifier.ValueText, starts ??= SourceWords.InvocationsNamed(root, StartNames).ToList()) is not { } start)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { } pool } || !IsPool(pool)
                || semanticModel.GetSymbolInfo(start.Call, cancellationToken).Symbol is not IMethodSymbol started || !IsWorkStart(started)
                || semanticModel.GetSymbolInfo(returned, cancellationToken).Symbol is not { Kind: SymbolKind.Local or SymbolKind.Parameter } variable
                || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(start.Use, cancellationToken).Symbol, variable)
                || semanticModel.GetEnclosingSymbol(call.SpanStart, cancellationToken) is not { } returner)
            {
                continue;
            }

            var startLine = start.Call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            findings.Add(DiagnosticIds.SharedStateMutation, call.GetLocation(), start.Call.GetLocation(), variable, lockName: null,
                [variable.Name, returner is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : returner.Name,
                 $"it is returned to '{access.Expression}' here while the work started at line {startLine} still uses it, so the pool's next taker can overwrite it under that work; return it at the end of the work, or after waiting for it"],
                handedOver: true);
        }
    }

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

        if (found is not { } last || TaskOf(last.Call) is not { } task)
        {
            return found;
        }

        if (task.Length == 0)
        {
            return null; // handed to other code: waited for wherever that is
        }

        // The task kept in a variable, a field or a collection: the first mention that waits for it, or hands it on,
        // before the return.
        // Mentions that only look at it (a Task.WhenAny among others, a comparison with the winner, IsCompleted)
        // leave it running.
        SyntaxToken? wait = null;
        foreach (var token in SourceWords.IdentifiersNamed(function, task))
        {
            if (token.SpanStart > last.Call.Span.End && token.SpanStart < call.SpanStart
                && token.Parent is IdentifierNameSyntax mention && !OnlyLooksAt(mention))
            {
                wait = token;
                break;
            }
        }

        if (wait is not { } waited)
        {
            return found;
        }

        // A return in a finally also runs when the try is left before the wait: a 'return' or 'throw' between.
        return LeavesBefore(call, last.Call, waited.SpanStart) ? found : null;
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

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Calls that hand a delegate to a UI thread instead of running it on the calling thread: a synchronization context's
/// <c>Post</c>/<c>Send</c>, a dispatcher's <c>Invoke</c>/<c>BeginInvoke</c>/<c>InvokeAsync</c>, a Windows Forms
/// control's <c>Invoke</c>, MAUI's <c>MainThread</c>, a Blazor component's <c>InvokeAsync</c>. Work started on another
/// thread that marshals its changes this way makes them on the thread where the object's own members run, so the
/// delegate's body is not part of the started work.
/// </summary>
/// <remarks>
/// Matched by type and method names, so that no UI framework has to be referenced; and a dispatcher of the
/// compilation's own that runs what is posted to it on one thread it starts (<see cref="IsOwnSingleThreadDispatcher"/>).
/// </remarks>
internal static class UiThreadCalls
{
    /// <summary>The names of the methods <see cref="RunsOnUiThread"/> can accept, for a look at syntax before binding.</summary>
    public static readonly HashSet<string> DispatchNames = new(StringComparer.Ordinal)
    {
        "Post", "Send", "Invoke", "BeginInvoke", "InvokeAsync", "Dispatch", "DispatchAsync", "TryEnqueue", "RunAsync", "BeginInvokeOnMainThread", "InvokeOnMainThreadAsync",
    };

    /// <summary>Whether <paramref name="invocation"/> runs its delegate arguments on a UI thread.</summary>
    public static bool RunsOnUiThread(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return method.Name switch
        {
            "Post" or "Send" => DerivesFrom(method.ContainingType, "SynchronizationContext") || IsDispatcher(method.ContainingType) || IsOwnSingleThreadDispatcher(method),
            "Invoke" or "BeginInvoke" => IsDispatcher(method.ContainingType) || DerivesFrom(method.ContainingType, "Control") || Implements(method.ContainingType, "ISynchronizeInvoke")
                                         || IsOwnSingleThreadDispatcher(method),
            "InvokeAsync" => IsDispatcher(method.ContainingType) || IsComponent(method.ContainingType) || IsOwnSingleThreadDispatcher(method),
            "Dispatch" or "DispatchAsync" or "TryEnqueue" or "RunAsync" => IsDispatcher(method.ContainingType),
            "BeginInvokeOnMainThread" or "InvokeOnMainThreadAsync" => method.ContainingType?.Name == "MainThread",
            _ => DerivesFrom(method.ContainingType, "TaskScheduler") && RunsOnOwnScheduler(method),
        };
    }

    /// <summary>
    /// Whether <paramref name="method"/>, of a task scheduler of the compilation that runs its tasks on the one thread it
    /// creates (or on the thread that runs its loop), hands its delegate to itself (<c>new Task(action).Start(this)</c>)
    /// when it does not run it in place: NetMQ's <c>NetMQPoller.Run(Action)</c>, which runs the action inline only when
    /// the poller is not running or the caller is already on its thread, and otherwise queues it to the poller's loop.
    /// Either way the delegate runs where the loop's own code runs, one at a time. Read from syntax, once per method.
    /// </summary>
    private static bool RunsOnOwnScheduler(IMethodSymbol method)
        => OwnSchedulerRuns.GetValue(method, static method => RunsOnOwnSchedulerUncached(method) ? Yes : No) == Yes;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IMethodSymbol, object> OwnSchedulerRuns = new();
    private static readonly object Yes = new();
    private static readonly object No = new();

    private static bool RunsOnOwnSchedulerUncached(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.ContainingType is not { DeclaringSyntaxReferences.Length: 1 } type
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration
            || type.DeclaringSyntaxReferences[0].GetSyntax() is not TypeDeclarationSyntax typeDeclaration)
        {
            return false;
        }

        var delegates = method.Parameters.Where(static parameter => parameter.Type.TypeKind == TypeKind.Delegate).Select(static parameter => parameter.Name).ToList();
        if (delegates.Count == 0)
        {
            return false;
        }

        foreach (var creation in declaration.DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
        {
            if (creation.Type is IdentifierNameSyntax { Identifier.ValueText: "Task" }
                && creation.ArgumentList is { Arguments: { Count: > 0 } arguments } && HandsOn(arguments[0].Expression, delegates)
                && creation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start", Parent: InvocationExpressionSyntax start }
                && start.ArgumentList.Arguments is { Count: 1 } startArguments && startArguments[0].Expression is ThisExpressionSyntax)
            {
                return OneThreadAtMost(typeDeclaration, out _);
            }
        }

        return false;
    }

    /// <summary>Whether the type creates one <c>Thread</c> at most, outside any loop; <paramref name="thread"/> is that one.</summary>
    private static bool OneThreadAtMost(TypeDeclarationSyntax typeDeclaration, out ObjectCreationExpressionSyntax? thread)
    {
        thread = null;
        foreach (var creation in typeDeclaration.DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
        {
            if (creation.Type is IdentifierNameSyntax { Identifier.ValueText: "Thread" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Thread" })
            {
                if (thread is not null || creation.Ancestors().Any(static a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
                {
                    return false; // more than one thread runs what is posted
                }

                thread = creation;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="method"/>, declared in source, hands its delegate parameter to a field of its type
    /// (<c>_queue.Add(action)</c>, <c>_work.Enqueue(action)</c>, <c>_channel.Writer.TryWrite(action)</c>) that the one
    /// thread the type creates reads (<c>new Thread(Pump)</c>, not in a loop, whose body names the field): a console or
    /// game loop's dispatcher, which runs everything posted to it one at a time on its own thread (set an C06, a view-model
    /// that posts each reading to its window's dispatcher). Read from syntax.
    /// </summary>
    private static bool IsOwnSingleThreadDispatcher(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.ContainingType is not { DeclaringSyntaxReferences.Length: 1 } type
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration
            || type.DeclaringSyntaxReferences[0].GetSyntax() is not TypeDeclarationSyntax typeDeclaration)
        {
            return false;
        }

        var delegates = method.Parameters.Where(static parameter => parameter.Type.TypeKind == TypeKind.Delegate).Select(static parameter => parameter.Name).ToList();
        string? queue = null;
        foreach (var call in ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody)?.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>() ?? [])
        {
            if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "TryAdd" or "Enqueue" or "Post" or "TryWrite" or "WriteAsync" or "SendAsync", Expression: var receiver }
                && call.ArgumentList.Arguments.Any(argument => HandsOn(argument.Expression, delegates)))
            {
                queue = FieldNamedBy(receiver);
            }
        }

        if (queue is null)
        {
            return false;
        }

        if (!OneThreadAtMost(typeDeclaration, out var thread) || thread?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is not { } start)
        {
            return false;
        }

        SyntaxNode? body = start switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda,
            IdentifierNameSyntax { Identifier.ValueText: var name } => typeDeclaration.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == name),
            _ => null,
        };
        // The thread runs what it takes itself, rather than handing it to the thread pool.
        return body is not null && SourceWords.AnyToken(body, token => token.ValueText == queue)
               && !SourceWords.AnyToken(body, static token => token.ValueText is "Run" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" or "Parallel");
    }

    /// <summary>
    /// Whether <paramref name="queued"/> is one of the <paramref name="delegates"/> or a lambda that calls one
    /// (<c>_queue.Add(() =&gt; { try { action(); tcs.SetResult(); } catch … })</c>, set at C24): either way the
    /// delegate runs where the queue is read.
    /// </summary>
    private static bool HandsOn(ExpressionSyntax queued, List<string> delegates) => queued switch
    {
        IdentifierNameSyntax name => delegates.Contains(name.Identifier.ValueText),
        AnonymousFunctionExpressionSyntax lambda => lambda.Body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
            .Any(call => call.Expression is IdentifierNameSyntax callee && delegates.Contains(callee.Identifier.ValueText)
                         || call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Expression: IdentifierNameSyntax target } && delegates.Contains(target.Identifier.ValueText)),
        _ => false,
    };

    /// <summary>The field a receiver starts from: <c>_queue</c>, <c>this._queue</c>, <c>_channel.Writer</c>.</summary>
    private static string? FieldNamedBy(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: var inner } => FieldNamedBy(inner),
        _ => null,
    };

    private static bool IsDispatcher(INamedTypeSymbol? type)
        => type is not null && (type.Name is "Dispatcher" or "DispatcherQueue" or "CoreDispatcher" or "IDispatcher" || IsNamedUiDispatcher(type.Name)
                                || type.AllInterfaces.Any(static candidate => candidate.Name == "IDispatcher" || IsNamedUiDispatcher(candidate.Name)));

    private static readonly string[] UiPrefixes = ["Ui", "UI", "Gui", "GUI", "MainThread", "Main"];

    /// <summary>
    /// An application's own abstraction of its UI thread's dispatcher, named for it (<c>IUiDispatcher</c>,
    /// <c>MainThreadDispatcher</c>), as view-models take it to stay testable (set av R10 and C10). A dispatcher named
    /// for anything else (<c>OutboxDispatcher</c>, <c>CommandDispatcher</c>) hands work to its own handlers, not to the
    /// UI thread.
    /// </summary>
    private static bool IsNamedUiDispatcher(string name)
    {
        const string Suffix = "Dispatcher";
        if (!name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var prefix = name.Substring(0, name.Length - Suffix.Length);
        if (prefix.Length > 1 && prefix[0] == 'I' && char.IsUpper(prefix[1]))
        {
            prefix = prefix.Substring(1);
        }

        return Array.IndexOf(UiPrefixes, prefix) >= 0;
    }

    /// <summary>Whether <paramref name="type"/> is a Blazor component, whose code runs on its renderer's synchronization context.</summary>
    public static bool IsComponent(INamedTypeSymbol? type) => DerivesFrom(type, "ComponentBase");

    private static bool DerivesFrom(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(INamedTypeSymbol? type, string name)
        => type is not null && (type.Name == name || type.AllInterfaces.Any(candidate => candidate.Name == name));
}

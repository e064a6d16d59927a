using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A timer callback that starts an async method of the type and does not wait for it, and a member that waits for the
/// timer's callbacks and then uses a field the async method stores after its first await (FL1001, set ba R09):
/// <code>
/// _renewTimer = new Timer(_ => _ = RenewAsync(), null, period, period);   // in the constructor
/// private async Task RenewAsync()
/// {
///     var renewed = await _client.RenewAsync(…);                            // the callback has returned here
///     if (!renewed) { _leaseId = null; LeaseLost?.Invoke(…); }             // a pool thread, later
/// }
/// public async ValueTask DisposeAsync()
/// {
///     await _renewTimer.DisposeAsync();                                     // waits for the callback, not for the task
///     var leaseId = _leaseId; _leaseId = null; …
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>Waiting for a timer's callbacks (<c>await timer.DisposeAsync()</c>, <c>timer.Dispose(waitHandle)</c>) waits
/// for each callback to return. A callback that discards the task of an async method returns at that method's first
/// await; the rest of the method runs later, on a pool thread, beside whatever the waiting member does next. Its
/// author waited so that nothing of the timer's would run any more, and the store after the await still can.</para>
/// <para>Reported at the store when all of these hold: the timer is created with <c>new Timer(…)</c> in the type and
/// kept in a field; its callback (a lambda or a method of the type) calls an <c>async</c> method of the type as a
/// statement or a discard (<c>_ = RenewAsync();</c>, <c>RenewAsync();</c>), or is itself an <c>async</c> lambda or
/// <c>async void</c> method; that method stores a field of the type after its first <c>await</c>, outside any
/// <c>lock</c>; and another member of the type waits for that timer (<c>await _timer.DisposeAsync()</c>, or
/// <c>_timer.Dispose(handle)</c>) and then reads or writes the same field outside any <c>lock</c>. Found from syntax;
/// only the two uses of the field are bound. No fix is offered: keep the task the callback starts and await it too, or
/// take one lock in both.</para>
/// </remarks>
internal static class OutlivesTimerWait
{
    private static readonly string[] TimerWords = ["Timer"];
    private static readonly string[] AwaitWords = ["await"];
    private static readonly string[] AsyncWords = ["async"];

    /// <summary>Whether <paramref name="text"/> can hold a timer, an async method and an await.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, TimerWords) && SourceWords.Any(text, AsyncWords) && SourceWords.Any(text, AwaitWords);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var type in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<ClassDeclarationSyntax>())
        {
            foreach (var creation in SourceWords.IdentifiersNamed(type, "Timer"))
            {
                if (creation.Parent is not IdentifierNameSyntax typeName
                    || (typeName.Parent is QualifiedNameSyntax qualified && qualified.Right == typeName ? qualified.Parent : typeName.Parent)
                        is not ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } timer
                    || timer.Parent is not AssignmentExpressionSyntax { Left: var kept } store || store.Right != timer
                    || FieldNames.Written(kept) is not { } timerField)
                {
                    continue;
                }

                foreach (var (started, firstAwait) in StartedAsyncBodies(type, arguments[0].Expression))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var write in StoresAfter(started, firstAwait))
                    {
                        if (UseAfterWait(type, started, timerField, write.Name) is not { } use)
                        {
                            continue;
                        }

                        if (semanticModel.GetSymbolInfo(write.Target, cancellationToken).Symbol is not IFieldSymbol { IsStatic: false } field
                            || !SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, semanticModel.GetDeclaredSymbol(type, cancellationToken)?.OriginalDefinition)
                            || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(use.Access, cancellationToken).Symbol, field))
                        {
                            continue;
                        }

                        var storer = Name(write.Target);
                        var waiter = Name(use.Access);
                        findings.Add(DiagnosticIds.SharedStateMutation, write.Target.Parent!.GetLocation(), timer.GetLocation(), field, lockName: null,
                            [field.Name, storer,
                             $"the timer callback wired at line {LineOf(timer)} starts '{storer}' without waiting for it, so what follows its await at line {LineOf(firstAwait)} runs on a pool thread after the callback has returned; '{waiter}' waits for the timer's callbacks at line {LineOf(use.Wait)} and then {(use.Writes ? "writes" : "reads")} '{field.Name}' at line {LineOf(use.Access)}, while this can still run (keep the task the callback starts and wait for it too)"]);
                        break;
                    }
                }
            }
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string Name(SyntaxNode node)
        => node.FirstAncestorOrSelf<MemberDeclarationSyntax>() switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => "?",
        };

    /// <summary>
    /// The async code a timer callback starts and does not wait for: each own <c>async</c> method it calls as a statement
    /// or a discard, or the callback itself when it is an async lambda or an <c>async void</c> method; with its first await.
    /// </summary>
    private static IEnumerable<(SyntaxNode Body, AwaitExpressionSyntax FirstAwait)> StartedAsyncBodies(ClassDeclarationSyntax type, ExpressionSyntax callback)
    {
        SyntaxNode? callbackBody = callback switch
        {
            AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword } asyncLambda => asyncLambda.Body,
            AnonymousFunctionExpressionSyntax lambda => lambda.Body,
            IdentifierNameSyntax group => OwnMethod(type, group.Identifier.ValueText) is { } method ? (SyntaxNode?)method.Body ?? method.ExpressionBody : null,
            _ => null,
        };
        if (callbackBody is null)
        {
            yield break;
        }

        var callbackIsAsync = callback is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword }
                              || callback is IdentifierNameSyntax g && OwnMethod(type, g.Identifier.ValueText) is { } m && m.Modifiers.Any(SyntaxKind.AsyncKeyword) && m.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
        if (callbackIsAsync && FirstAwait(callbackBody) is { } own)
        {
            yield return (callbackBody, own);
            yield break;
        }

        foreach (var call in callbackBody.DescendantNodesAndSelf(static n => n is not AnonymousFunctionExpressionSyntax || n.Parent is ArgumentSyntax { Parent.Parent: ObjectCreationExpressionSyntax }).OfType<InvocationExpressionSyntax>())
        {
            var discarded = call.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax
                            || call.Parent is AnonymousFunctionExpressionSyntax
                            || call.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } };
            if (!discarded || ConcurrentEntryFinder.InvokedName(call.Expression) is not { } name
                || call.Expression is MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax }
                || OwnMethod(type, name) is not { } started || !started.Modifiers.Any(SyntaxKind.AsyncKeyword)
                || ((SyntaxNode?)started.Body ?? started.ExpressionBody) is not { } body || FirstAwait(body) is not { } first)
            {
                continue;
            }

            yield return (body, first);
        }
    }

    private static MethodDeclarationSyntax? OwnMethod(ClassDeclarationSyntax type, string name)
    {
        foreach (var member in type.Members)
        {
            if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name && !method.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return method;
            }
        }

        return null;
    }

    private static AwaitExpressionSyntax? FirstAwait(SyntaxNode body)
        => body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AwaitExpressionSyntax>().FirstOrDefault();

    /// <summary>The stores into a field named by a simple name (or <c>this.</c> name) after <paramref name="firstAwait"/>, outside any lock.</summary>
    private static IEnumerable<(string Name, ExpressionSyntax Target)> StoresAfter(SyntaxNode body, AwaitExpressionSyntax firstAwait)
    {
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax)))
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                _ => null,
            };
            if (target is null || node.SpanStart <= firstAwait.Span.End || FieldNames.Written(target) is not { } name || name == "_")
            {
                continue;
            }

            yield return (name, target);
        }
    }

    /// <summary>Whether <paramref name="call"/> is awaited where it is made: <c>await c</c>, <c>await c.ConfigureAwait(false)</c>.</summary>
    private static bool IsAwaited(InvocationExpressionSyntax call)
        => call.Parent is AwaitExpressionSyntax
           || call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax { Parent: AwaitExpressionSyntax } };

    /// <summary>
    /// In a member of <paramref name="type"/> other than <paramref name="started"/>: a wait for the timer kept in
    /// <paramref name="timerField"/> (<c>await _t.DisposeAsync()</c>, <c>_t.Dispose(handle)</c>), then a read or
    /// write of <paramref name="field"/> outside any lock.
    /// </summary>
    private static (SyntaxNode Wait, ExpressionSyntax Access, bool Writes)? UseAfterWait(ClassDeclarationSyntax type, SyntaxNode started, string timerField, string field)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, timerField))
        {
            if (token.Parent is not IdentifierNameSyntax name
                || (name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified ? qualified : (ExpressionSyntax)name) is not { } receiver
                || receiver.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called } access || access.Expression != receiver
                || access.Parent is not InvocationExpressionSyntax wait
                || !(called == "DisposeAsync" && IsAwaited(wait) || called == "Dispose" && wait.ArgumentList.Arguments.Count == 1)
                || wait.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is not { } waiter
                || waiter.Parent != type || started.Ancestors().Contains(waiter))
            {
                continue;
            }

            foreach (var use in SourceWords.IdentifiersNamed(waiter, field))
            {
                if (use.SpanStart <= wait.Span.End || use.Parent is not IdentifierNameSyntax fieldName
                    || (fieldName.Parent is MemberAccessExpressionSyntax m && m.Name == fieldName && m.Expression is not ThisExpressionSyntax)
                    || fieldName.Ancestors().TakeWhile(n => n != waiter).Any(static n => n is LockStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                {
                    continue;
                }

                ExpressionSyntax accessed = fieldName.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == fieldName ? self : fieldName;
                var writes = accessed.Parent is AssignmentExpressionSyntax assignment && assignment.Left == accessed;
                return (wait, fieldName, writes);
            }
        }

        return null;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A <c>CancellationTokenSource</c> field disposed and replaced by a member callers call, while work the type started
/// reads the field in its loop (FL1001, blind set ap R10):
/// <code>
/// public void Start() => _loop = Task.Run(PollAsync);
/// private async Task PollAsync() { while (!_cts.IsCancellationRequested) { … await Task.Delay(_interval, _cts.Token); } }
/// public void Restart() { _cts.Cancel(); _cts.Dispose(); _cts = new CancellationTokenSource(); Start(); }
/// </code>
/// </summary>
/// <remarks>
/// The old loop reads the field again on each pass: it can read the disposed source (an
/// <c>ObjectDisposedException</c> from <c>Token</c>) or the new one, and then runs on beside the loop the restart
/// starts. Not reported: a member that waits for a task or thread field of the type before the store
/// (<c>await _loop</c>), a loop that reads the field only inside a <c>lock</c>, and work that takes the token as a parameter (<c>Task.Run(() =>
/// PollAsync(cts.Token))</c>: each run keeps its own). Found from syntax; only the replaced field is bound. No fix is
/// offered: give each run the token of its own source.
/// </remarks>
internal static class ReplacedWhileRunning
{
    private static readonly string[] Words = ["CancellationTokenSource"];
    private static readonly string[] DisposeNames = ["Dispose"];
    private static readonly string[] TokenReads = ["Token", "IsCancellationRequested"];

    /// <summary>Whether <paramref name="text"/> can hold a cancellation source that is disposed.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, Words) && SourceWords.Any(text, DisposeNames);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var dispose in SourceWords.InvocationsNamed(root, DisposeNames))
        {
            var disposed = dispose.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Expression,
                MemberBindingExpressionSyntax when dispose.Parent is ConditionalAccessExpressionSyntax conditional => conditional.Expression, // '_cts?.Dispose()'
                _ => null,
            };
            if (disposed is null
                || FieldNames.Written(disposed) is not { } field
                || dispose.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Parent: TypeDeclarationSyntax type, Body: { } body } member
                || member.Identifier.ValueText is "Dispose" or "DisposeAsync"
                || !member.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword))
                || ReplacementAfter(body, field, dispose) is not { } store
                || JoinsWorkBefore(body, type, store)
                || RunningReader(type, field, member) is not (var reader, var start, var byTimer))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(store.Left, cancellationToken).Symbol is not IFieldSymbol { Type: var fieldType } symbol || !IsCancellationSource(fieldType))
            {
                continue;
            }

            var line = start.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var reads = byTimer
                ? $"'{reader.Identifier.ValueText}', the timer callback wired at line {line}, reads '{field}' on a pool thread each time the timer fires, also while this runs (stopping a timer does not wait for a callback already running), and can read the disposed source"
                : $"'{reader.Identifier.ValueText}', started at line {line}, reads '{field}' in its loop on another thread, and can read the disposed source or the new one and run on beside the next run";
            findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), start.GetLocation(), symbol, lockName: null,
                [field, member.Identifier.ValueText, reads + " (give each run the token of its own source)"],
                handedOver: true);
        }
    }

    /// <summary>Whether <paramref name="type"/> is <c>System.Threading.CancellationTokenSource</c>.</summary>
    internal static bool IsCancellationSource(ITypeSymbol type)
        => type is INamedTypeSymbol { Name: "CancellationTokenSource", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// The store of a new source into <paramref name="field"/> after <paramref name="dispose"/> in <paramref name="body"/>,
    /// or of <c>null</c> (the source disposed and dropped: set aw R11, a dosing cycle stopped while its timer's callback
    /// reads the token), or null.
    /// </summary>
    private static AssignmentExpressionSyntax? ReplacementAfter(BlockSyntax body, string field, InvocationExpressionSyntax dispose)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node.SpanStart > dispose.Span.End
                && node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var target, Right: BaseObjectCreationExpressionSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } assignment
                && FieldNames.Written(target) == field
                && assignment.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is null)
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="body"/> waits for a task or thread field of <paramref name="type"/> before <paramref name="store"/>.</summary>
    private static bool JoinsWorkBefore(BlockSyntax body, TypeDeclarationSyntax type, SyntaxNode store)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node.SpanStart >= store.SpanStart)
            {
                break;
            }

            if (FieldNames.WaitedFor(node) is { } waited && FieldNames.Written(waited) is { } name && IsWorkField(type, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWorkField(TypeDeclarationSyntax type, string name)
    {
        foreach (var member in type.Members)
        {
            if (member is FieldDeclarationSyntax { Declaration: { Type: var declared } declaration }
                && declaration.Variables.Any(v => v.Identifier.ValueText == name)
                && (declared is NullableTypeSyntax nullable ? nullable.ElementType : declared) is SimpleNameSyntax { Identifier.ValueText: "Task" or "Thread" or "ValueTask" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A method of <paramref name="type"/> other than <paramref name="replacer"/> that reads <paramref name="field"/>'s
    /// token outside any lock, and the start that runs it: in a loop, for work started once (<c>Task.Run(PollAsync)</c>,
    /// <c>new Thread(() => Poll())</c>); anywhere, for a timer's callback (<c>_timer.Elapsed += OnElapsed</c>), which
    /// runs again at every tick.
    /// </summary>
    private static (MethodDeclarationSyntax Reader, SyntaxNode Start, bool ByTimer)? RunningReader(TypeDeclarationSyntax type, string field, MethodDeclarationSyntax replacer)
    {
        foreach (var member in type.Members)
        {
            if (member is not MethodDeclarationSyntax method || method == replacer)
            {
                continue;
            }

            if (ReadsToken(method, field, inLoop: true) && StartOf(type, method) is { } start)
            {
                return (method, start, false);
            }

            if (ReadsToken(method, field, inLoop: false) && ElapsedSubscription(type, method) is { } subscription)
            {
                return (method, subscription, true);
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="type"/> subscribes <paramref name="method"/> to a timer's <c>Elapsed</c> event (<c>_timer.Elapsed += OnElapsed</c>).</summary>
    internal static SyntaxNode? ElapsedSubscription(TypeDeclarationSyntax type, MethodDeclarationSyntax method)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, method.Identifier.ValueText))
        {
            if (token.Parent is IdentifierNameSyntax name
                && name.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Elapsed" } } subscription
                && subscription.Right == name)
            {
                return subscription;
            }
        }

        return null;
    }

    private static bool ReadsToken(MethodDeclarationSyntax method, string field, bool inLoop)
    {
        foreach (var token in SourceWords.IdentifiersNamed(method, field))
        {
            if (token.Parent is IdentifierNameSyntax name
                && ((name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified.Parent : name.Parent) switch
                    {
                        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var read } access => TokenReads.Contains(read) && access.Expression.Span.Contains(name.Span),
                        ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax { Name.Identifier.ValueText: var read } } conditional
                            => TokenReads.Contains(read) && conditional.Expression.Span.Contains(name.Span), // '_cts?.Token'
                        _ => false,
                    })
                && name.FirstAncestorOrSelf<LockStatementSyntax>() is null
                && (!inLoop || name.Ancestors().TakeWhile(n => n != method).Any(n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where <paramref name="type"/> starts <paramref name="method"/> on another thread: <c>Task.Run</c>, <c>Task.Factory.StartNew</c> or <c>new Thread</c> given it or a lambda calling it.</summary>
    private static SyntaxNode? StartOf(TypeDeclarationSyntax type, MethodDeclarationSyntax method)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, method.Identifier.ValueText))
        {
            if (token.Parent is not IdentifierNameSyntax name)
            {
                continue;
            }

            // 'Task.Run(PollAsync)', or 'Task.Run(() => PollAsync(ct))': the argument that holds the method (a call with
            // as many arguments as it has parameters: an overload is another method).
            SyntaxNode argument = name;
            if (name.Parent is InvocationExpressionSyntax call && call.Expression == name)
            {
                if (call.ArgumentList.Arguments.Count != method.ParameterList.Parameters.Count
                    || call.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } lambda)
                {
                    continue;
                }

                argument = lambda;
            }

            var starter = argument.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var creator } } ? creator : null;
            if (TypeConcurrency.StartsWork(starter))
            {
                return starter;
            }
        }

        return null;
    }
}

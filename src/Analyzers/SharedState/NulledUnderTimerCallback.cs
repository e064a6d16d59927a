using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field that a timer callback checks for null and then reads again, set to null by another member of the type
/// without waiting for the callback (FL1001, set ax R09):
/// <code>
/// _frameTimer.Elapsed += OnFrame;                                      // in the constructor
/// private void OnFrame(object? sender, ElapsedEventArgs e)
/// {
///     if (_projector != null) { _projector.DrawFrame(…); }             // a pool thread, at every tick
/// }
/// public void Dispose() { _frameTimer.Stop(); _frameTimer.Dispose(); _projector = null; }
/// </code>
/// </summary>
/// <remarks>
/// <para>Stopping or disposing a timer does not wait for a callback already running: <c>System.Timers.Timer.Stop</c>
/// and <c>Dispose()</c> return at once, as <c>System.Threading.Timer.Dispose()</c> does. A callback that passed the
/// check reads the field again after the store and gets null (a <c>NullReferenceException</c> on a pool thread, which
/// ends the process), or uses the object the member goes on to dispose.</para>
/// <para>Reported at the store when all of these hold: the callback is a method of the type subscribed to a timer's
/// <c>Elapsed</c> event or given to <c>new Timer(…)</c>; it reads the field a second time inside an <c>if</c> that
/// checks it for null, outside any <c>lock</c>; the store <c>_f = null</c> is in another method of the type, not a
/// constructor, and outside any <c>lock</c>; and that method waits for nothing before it (<c>Dispose(waitHandle)</c>,
/// <c>DisposeAsync</c>, <c>Wait</c>, <c>WaitOne</c>, <c>Join</c>), which is how a timer's running callback is waited
/// for. Found from syntax; only the field is bound. No fix is offered: wait for the callback before dropping the
/// object, or take one lock in both.</para>
/// </remarks>
internal static class NulledUnderTimerCallback
{
    private static readonly string[] Words = ["null"];
    private static readonly string[] TimerWords = ["Elapsed", "Timer"];

    private static readonly HashSet<string> WaitNames = new(StringComparer.Ordinal) { "DisposeAsync", "Wait", "WaitOne", "WaitAll", "Join", "WaitAsync" };

    /// <summary>Whether <paramref name="text"/> can hold a timer callback and a store of null.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, TimerWords) && SourceWords.Any(text, Words);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var type in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<ClassDeclarationSyntax>())
        {
            foreach (var member in type.Members)
            {
                if (member is not MethodDeclarationSyntax callback || (callback.Body ?? (SyntaxNode?)callback.ExpressionBody) is not { } body
                    || TimerStart(type, callback) is not { } start)
                {
                    continue;
                }

                foreach (var (field, check, use) in ReadsAfterCheck(body))
                {
                    if (NullStore(type, callback, field) is not { } store)
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (semanticModel.GetSymbolInfo(store.Left, cancellationToken).Symbol is not IFieldSymbol { IsStatic: false } symbol
                        || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(use, cancellationToken).Symbol, symbol))
                    {
                        continue;
                    }

                    var storer = store.FirstAncestorOrSelf<MethodDeclarationSyntax>()!.Identifier.ValueText;
                    findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), start.GetLocation(), symbol, lockName: null,
                        [field, storer,
                         $"'{callback.Identifier.ValueText}', the timer callback wired at line {LineOf(start)}, checks '{field}' for null at line {LineOf(check)} and reads it again at line {LineOf(use)} on a pool thread, also while this runs (stopping or disposing a timer does not wait for a callback already running), so it can read null or use what this drops; wait for the callback first, or take one lock in both"],
                        handedOver: true);
                    break;
                }
            }
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>
    /// Where <paramref name="type"/> makes <paramref name="callback"/> a timer's callback: <c>x.Elapsed += Callback</c> (<see cref="ReplacedWhileRunning.ElapsedSubscription"/>),
    /// or <c>new Timer(Callback, …)</c>.
    /// </summary>
    private static SyntaxNode? TimerStart(ClassDeclarationSyntax type, MethodDeclarationSyntax callback)
    {
        if (ReplacedWhileRunning.ElapsedSubscription(type, callback) is { } subscription)
        {
            return subscription;
        }

        foreach (var token in SourceWords.IdentifiersNamed(type, callback.Identifier.ValueText))
        {
            if (token.Parent is IdentifierNameSyntax name && name.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments: var arguments, Parent: BaseObjectCreationExpressionSyntax creation } } && arguments[0].Expression == name
                && (creation is ImplicitObjectCreationExpressionSyntax || creation is ObjectCreationExpressionSyntax { Type: var created } && SimpleName(created) == "Timer"))
            {
                return creation;
            }
        }

        return null;
    }

    private static string? SimpleName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The fields <paramref name="body"/> reads again inside an <c>if</c> that checks them for null, outside any lock: the field, the check, the second read.</summary>
    private static IEnumerable<(string Field, ExpressionSyntax Check, ExpressionSyntax Use)> ReadsAfterCheck(SyntaxNode body)
    {
        foreach (var check in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax)).OfType<IfStatementSyntax>())
        {
            if (NullCheckedReads.CheckedName(check.Condition) is not { } field || !NullCheckedReads.ChecksNotNull(check.Condition, field))
            {
                continue;
            }

            foreach (var token in SourceWords.IdentifiersNamed(check.Statement, field))
            {
                if (token.Parent is IdentifierNameSyntax use
                    && (use.Parent is not MemberAccessExpressionSyntax access || access.Expression == use || access.Expression is ThisExpressionSyntax)
                    && !use.Ancestors().TakeWhile(n => n != check).Any(static n => n is LockStatementSyntax or AnonymousFunctionExpressionSyntax))
                {
                    yield return (field, check.Condition, use);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// <c>_f = null</c> in a method of <paramref name="type"/> other than <paramref name="callback"/>, outside any lock
    /// and lambda, in a method that waits for nothing before it.
    /// </summary>
    private static AssignmentExpressionSyntax? NullStore(ClassDeclarationSyntax type, MethodDeclarationSyntax callback, string field)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, field))
        {
            if (token.Parent is not IdentifierNameSyntax name)
            {
                continue;
            }

            ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified : name;
            if (target.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } store
                && store.Left == target
                && store.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { Body: { } body } method && method != callback && method.Parent == type
                && !store.Ancestors().TakeWhile(n => n != method).Any(static n => n is LockStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                && !WaitsBefore(body, store))
            {
                return store;
            }
        }

        return null;
    }

    private static bool WaitsBefore(BlockSyntax body, SyntaxNode store)
    {
        foreach (var call in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.SpanStart >= store.SpanStart)
            {
                break;
            }

            var name = ConcurrentEntryFinder.InvokedName(call.Expression);
            if (name is not null && WaitNames.Contains(name) || name == "Dispose" && call.ArgumentList.Arguments.Count == 1)
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Immutable;
using Forklift.Analyzers;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Forklift.CodeFixes.Locks;

/// <summary>
/// FL2001 fixes: wrap the code after the acquire in <c>try { … } finally { release; }</c> (the acquire stays before the
/// <c>try</c>); for <c>Monitor.Enter/Exit</c> use a <c>lock</c> statement; for <c>Lock.Enter/Exit</c> use
/// <c>using (x.EnterScope())</c>; when code sits between the acquire and its <c>try</c>, move it into the <c>try</c>.
/// </summary>
/// <remarks>No <c>[Shared]</c>: it would bake a System.Composition version into the package (see Directory.Packages.props).</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockReleaseNotInFinallyCodeFix))]
public sealed class LockReleaseNotInFinallyCodeFix : CodeFixProvider
{
    /// <summary>
    /// The first fix offered for every shape (release in finally, or move statements into the try) shares one key, so
    /// that Fix All and <c>dotnet format</c> fix every shape in one run; the alternatives keep keys of their own.
    /// </summary>
    internal const string RecommendedKey = "FL2001.Recommended";
    internal const string UseLockStatementKey = "FL2001.UseLockStatement";
    internal const string UseEnterScopeKey = "FL2001.UseEnterScope";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LockReleaseNotInFinally);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(LockReleaseNotInFinallyAnalyzer.ReasonKey, out var reason)
                || !diagnostic.Properties.TryGetValue(LockReleaseNotInFinallyAnalyzer.ReleaseSpanKey, out var releaseSpanText)
                || SpanText.Parse(releaseSpanText) is not { } releaseSpan
                || LockStatements.StatementInBlock(root, diagnostic.Location) is not ExpressionStatementSyntax acquireStatement
                || LockStatements.CallAt(model, root, diagnostic.Location, context.CancellationToken) is not { } acquire)
            {
                continue;
            }

            var block = (BlockSyntax)acquireStatement.Parent!;
            var releaseNode = root.FindNode(releaseSpan, getInnermostNodeForTie: true);
            if (reason == LockReleaseNotInFinallyAnalyzer.StatementBeforeTry)
            {
                if (releaseNode.Ancestors().OfType<TryStatementSyntax>().FirstOrDefault(t => t.Parent == block) is { } @try)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Move statements into the try block", _ => Task.FromResult(MoveIntoTry(context.Document, root, block, acquireStatement, @try)), RecommendedKey),
                        diagnostic);
                }

                continue;
            }

            if (reason is not (LockReleaseNotInFinallyAnalyzer.NoFinally or LockReleaseNotInFinallyAnalyzer.EarlyExit)
                || ReleaseStatement(releaseNode, block, acquire) is not { } releaseStatement
                || block.Statements.IndexOf(releaseStatement) <= block.Statements.IndexOf(acquireStatement))
            {
                continue;
            }

            var span = new Span(block, acquireStatement, releaseStatement, acquire, model, context.CancellationToken);
            context.RegisterCodeFix(
                CodeAction.Create("Release in finally", _ => Task.FromResult(span.Replace(context.Document, root, replaceAcquire: false, ReleaseInFinally(span))), RecommendedKey),
                diagnostic);

            var plainEnter = acquire.Shape == AcquireShape.Unconditional && !LockStatements.ContainsAwait(span.Between);
            if (plainEnter && acquire.Family == LockFamily.Monitor && acquire.LockExpression?.Syntax is ExpressionSyntax target)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use lock statement", _ => Task.FromResult(span.Replace(context.Document, root, replaceAcquire: true, LockStatement(target.WithoutTrivia(), span.Body()))), UseLockStatementKey),
                    diagnostic);
            }

            if (plainEnter && acquire.Family == LockFamily.Lock && acquire.LockExpression?.Syntax is ExpressionSyntax gate)
            {
                var enterScope = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, gate.WithoutTrivia(), IdentifierName("EnterScope")));
                context.RegisterCodeFix(
                    CodeAction.Create("Use using (x.EnterScope())", _ => Task.FromResult(span.Replace(context.Document, root, replaceAcquire: true, UsingStatement(null, enterScope, span.Body()))), UseEnterScopeKey),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// The statement of <paramref name="block"/> that releases: the release itself, or, for the flag shapes
    /// (<c>TryEnter(…, ref taken)</c>, <c>Enter(ref taken)</c>), the <c>if (taken) …</c> around it, which moves into
    /// the <c>finally</c> whole.
    /// </summary>
    private static StatementSyntax? ReleaseStatement(SyntaxNode releaseNode, BlockSyntax block, LockCall acquire)
    {
        if (releaseNode.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } release)
        {
            return null;
        }

        if (release.Parent == block)
        {
            return release;
        }

        var guard = release.Parent is BlockSyntax { Statements.Count: 1, Parent: IfStatementSyntax outer } ? outer : release.Parent as IfStatementSyntax;
        return acquire.Flag is { } flag && guard is { Else: null, Parent: var parent } && parent == block
               && guard.Condition is IdentifierNameSyntax { Identifier.ValueText: var name } && name == flag.Name
            ? guard
            : null;
    }

    private static StatementSyntax ReleaseInFinally(Span span)
        => TryStatement(span.Body(), default, FinallyClause(Block(span.Release.WithoutLeadingTrivia())));

    private static Document MoveIntoTry(Document document, SyntaxNode root, BlockSyntax block, StatementSyntax acquireStatement, TryStatementSyntax @try)
    {
        var statements = block.Statements;
        var from = statements.IndexOf(acquireStatement) + 1;
        var to = statements.IndexOf(@try);
        var moved = statements.Skip(from).Take(to - from).ToList();
        var newTry = @try
            .WithBlock(@try.Block.WithStatements(List(moved.Concat(@try.Block.Statements))))
            .WithLeadingTrivia(moved.Count > 0 ? moved[0].GetLeadingTrivia() : @try.GetLeadingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newStatements = statements.Take(from).Append(newTry).Concat(statements.Skip(to + 1));
        return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(List(newStatements))));
    }

    /// <summary>The statements from an acquire through its release, and how to replace them.</summary>
    private sealed class Span
    {
        private readonly BlockSyntax _block;
        private readonly int _acquireIndex;
        private readonly int _releaseIndex;
        private readonly List<ExpressionStatementSyntax> _innerReleases;

        public Span(BlockSyntax block, StatementSyntax acquire, StatementSyntax release, LockCall acquireCall, SemanticModel model, CancellationToken cancellationToken)
        {
            _block = block;
            _acquireIndex = block.Statements.IndexOf(acquire);
            _releaseIndex = block.Statements.IndexOf(release);
            Release = release;
            Between = block.Statements.Skip(_acquireIndex + 1).Take(_releaseIndex - _acquireIndex - 1).ToList();
            _innerReleases = LockStatements.ReleasesOfSameLock(Between, acquireCall, model, cancellationToken);
        }

        public StatementSyntax Release { get; }

        public List<StatementSyntax> Between { get; }

        /// <summary>The statements between acquire and release, without the releases on early-exit paths.</summary>
        public BlockSyntax Body()
        {
            var statements = new List<StatementSyntax>();
            foreach (var statement in Between)
            {
                if (_innerReleases.Contains(statement))
                {
                    continue;
                }

                var inner = _innerReleases.Where(release => statement.Contains(release)).ToList();
                statements.Add(inner.Count == 0 ? statement : statement.RemoveNodes(inner, SyntaxRemoveOptions.KeepNoTrivia)!);
            }

            return Block(statements);
        }

        /// <summary>
        /// Replaces the statements after the acquire (or from the acquire, when the replacement acquires by itself)
        /// through the release by <paramref name="replacement"/>.
        /// </summary>
        public Document Replace(Document document, SyntaxNode root, bool replaceAcquire, StatementSyntax replacement)
        {
            var leading = replaceAcquire ? _block.Statements[_acquireIndex].GetLeadingTrivia()
                : Between.Count > 0 ? Between[0].GetLeadingTrivia() : Release.GetLeadingTrivia();
            var formatted = replacement
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(Release.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            var statements = _block.Statements;
            var newStatements = statements.Take(replaceAcquire ? _acquireIndex : _acquireIndex + 1).Append(formatted).Concat(statements.Skip(_releaseIndex + 1));
            return document.WithSyntaxRoot(root.ReplaceNode(_block, _block.WithStatements(List(newStatements))));
        }
    }
}

// Mounts GraphiQL against this server's /graphql endpoint. Kept out of
// index.html so the page can run under a script-src 'self' policy.
(function () {
  var defaultQuery = [
    '# Which agencies attended which dialogues?',
    'query AgenciesAtDialogues {',
    '  events(filter: {kind: DIALOGUE}, first: 50) {',
    '    totalCount',
    '    edges { cursor node {',
    '      id name date kind',
    '      location { name }',
    '      participants(type: Organization) { id name kind }',
    '      evidence { document { title } sentence }',
    '    } }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    ''
  ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: defaultQuery,
    defaultEditorToolsVisibility: true
  }));
})();

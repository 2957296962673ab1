// No import/export and no package.json "type": auto-detection runs it as CommonJS, where `require` exists.
console.log(typeof require);

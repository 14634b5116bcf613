// Builds every browser bundle that the server serves. Each part registers its build below.
console.log('build: nothing to build yet')

// The tests expect Loopscope to report the syntax error on line 3 and put the cursor there.
const fine = 1;
const broken = (fine + ;
console.log(broken);
